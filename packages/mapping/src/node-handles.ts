import type { MappingNode } from "./document-schema";

export interface NodeHandles {
  inputs: readonly string[];
  outputs: readonly string[];
}

const numbered = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, i) => `${prefix}${i + 1}`);
const UNARY: NodeHandles = { inputs: ["in"], outputs: ["out"] };

/**
 * The handles each node kind exposes. Naming is symmetric on purpose (`in`/`out`,
 * `in1..n`/`out1..n`) so reversing a graph swaps the prefix and nothing else.
 */
export function nodeHandles(node: MappingNode): NodeHandles {
  switch (node.type) {
    case "side": {
      const ids = node.data.fields.map((field) => field.id);
      return { inputs: ids, outputs: ids };
    }
    case "enumMap":
    case "lookup":
    case "dateFormat":
    case "money":
    case "default":
      return UNARY;
    case "concat":
    case "coalesce":
      return { inputs: numbered("in", node.data.inputs), outputs: ["out"] };
    case "split":
      return { inputs: ["in"], outputs: numbered("out", node.data.parts) };
    case "constant":
      return { inputs: [], outputs: ["out"] };
    case "condition":
      return { inputs: ["test", "then", "else"], outputs: ["out"] };
    case "filter":
      return { inputs: ["in"], outputs: [] };
    case "expression":
      return { inputs: node.data.inputs, outputs: ["out"] };
    case "conflictRule":
      return { inputs: ["fields"], outputs: [] };
    case "matchKey":
      return { inputs: ["a", "b"], outputs: [] };
  }
}

/** Input handles that may stay unconnected. */
export function isOptionalInput(node: MappingNode, handle: string): boolean {
  return node.type === "condition" && handle === "else";
}

/** Rule nodes read side fields directly: every edge into one starts at a side, never a transform. */
export function takesSideFieldsOnly(node: Pick<MappingNode, "type">): boolean {
  return node.type === "filter" || node.type === "matchKey" || node.type === "conflictRule";
}

/** Input handles that take any number of edges. */
export function acceptsManyEdges(node: MappingNode, handle: string): boolean {
  return node.type === "conflictRule" && handle === "fields";
}

const handleSets = new WeakMap<
  MappingNode,
  { inputs: ReadonlySet<string>; outputs: ReadonlySet<string> }
>();

/** `nodeHandles` as sets, cached per node object, for checking many edges against big sides. */
export function nodeHandleSets(node: MappingNode): {
  inputs: ReadonlySet<string>;
  outputs: ReadonlySet<string>;
} {
  let sets = handleSets.get(node);
  if (!sets) {
    const handles = nodeHandles(node);
    sets = { inputs: new Set(handles.inputs), outputs: new Set(handles.outputs) };
    handleSets.set(node, sets);
  }
  return sets;
}
