import { nodeHandles, type MappingNode, type ValueKind } from "@tandem/mapping";
import type { FlowNode } from "./flow-types";
import { nodeKind } from "./node-kinds";

const asMappingNode = (node: FlowNode) => node as unknown as MappingNode;

/** The coarse type of what leaves `handle`, as the compiler will check it; null when there is no such output. */
export function outputKind(node: FlowNode, handle: string): ValueKind | null {
  if (!nodeHandles(asMappingNode(node)).outputs.includes(handle)) return null;
  return nodeKind(node.type).outputKind?.(node.data, handle) ?? "any";
}

/** The coarse type `handle` accepts; null when there is no such input. */
export function inputKind(node: FlowNode, handle: string): ValueKind | null {
  if (!nodeHandles(asMappingNode(node)).inputs.includes(handle)) return null;
  return nodeKind(node.type).inputKind?.(node.data, handle) ?? "any";
}

export const KIND_WORDS: Record<ValueKind, string> = {
  text: "text",
  number: "a number",
  boolean: "true/false",
  any: "any value",
};
