import {
  commonKind,
  fieldKind,
  moneyFormatKind,
  nodeHandles,
  scalarKind,
  type MappingNode,
  type ValueKind,
} from "@tandem/mapping";
import type { FlowNode } from "./flow-types";

const asMappingNode = (node: FlowNode) => node as unknown as MappingNode;

function sideFieldKind(node: FlowNode, handle: string): ValueKind | null {
  if (node.type !== "side") return null;
  const field = node.data.fields.find((candidate) => candidate.id === handle);
  return field ? fieldKind(field.type) : null;
}

/** The coarse type of what leaves `handle`, as the compiler will check it; null when there is no such output. */
export function outputKind(node: FlowNode, handle: string): ValueKind | null {
  if (node.type === "side") return sideFieldKind(node, handle);
  if (!nodeHandles(asMappingNode(node)).outputs.includes(handle)) return null;
  switch (node.type) {
    case "enumMap":
    case "lookup":
      if (node.data.unmapped.action === "passthrough") return "any";
      return commonKind(node.data.entries.map((entry) => scalarKind(entry.to)));
    case "dateFormat":
    case "concat":
    case "split":
      return "text";
    case "money":
      return moneyFormatKind(node.data.to);
    case "constant":
      return scalarKind(node.data.value);
    default:
      return "any";
  }
}

/** The coarse type `handle` accepts; null when there is no such input. */
export function inputKind(node: FlowNode, handle: string): ValueKind | null {
  if (node.type === "side") return sideFieldKind(node, handle);
  if (!nodeHandles(asMappingNode(node)).inputs.includes(handle)) return null;
  switch (node.type) {
    case "enumMap":
    case "lookup":
      return commonKind(node.data.entries.map((entry) => scalarKind(entry.from)));
    case "dateFormat":
    case "split":
      return "text";
    case "money":
      return moneyFormatKind(node.data.from);
    default:
      return "any";
  }
}

export const KIND_WORDS: Record<ValueKind, string> = {
  text: "text",
  number: "a number",
  boolean: "true/false",
  any: "any value",
};
