import type { NodeKind, NodeOfKind } from "@tandem/mapping";
import { nodeAccessibleName, precomputedGeometry } from "./flow-conversion";
import type { FlowNode } from "./flow-types";

type TransformKind = Exclude<NodeKind, "side">;

const DEFAULT_DATA: { [K in TransformKind]: NodeOfKind<K>["data"] } = {
  enumMap: { label: "Enum map", entries: [], unmapped: { action: "skip" } },
  lookup: { label: "Lookup table", entries: [], unmapped: { action: "skip" } },
  dateFormat: { label: "Date format", from: "MM/DD/YYYY", to: "YYYY-MM-DD" },
  money: { label: "Money", from: "decimal-string", to: "minor", currency: "USD" },
  concat: { label: "Concatenate", inputs: 2, separator: " " },
  split: { label: "Split", parts: 2, separator: " " },
  constant: { label: "Constant", value: "" },
  default: { label: "Default value", value: "" },
  coalesce: { label: "Coalesce", inputs: 2 },
  condition: { label: "Condition", predicate: { test: "notEmpty" } },
  filter: { label: "Filter", predicate: { test: "notEmpty" } },
  expression: { label: "Expression", expression: "$trim(value)", inputs: ["value"] },
  conflictRule: { label: "Conflict rule", strategy: "a-wins" },
  matchKey: { label: "Match key", normalize: "case-insensitive", priority: 0 },
};

export interface PaletteGroup {
  title: string;
  kinds: { kind: TransformKind; name: string; hint: string }[];
}

export const PALETTE: PaletteGroup[] = [
  {
    title: "Transforms",
    kinds: [
      { kind: "enumMap", name: "Enum map", hint: "Map each value to the other system's value" },
      { kind: "lookup", name: "Lookup table", hint: "Translate codes, pasted from CSV" },
      { kind: "dateFormat", name: "Date format", hint: "Reorder YYYY, MM and DD" },
      { kind: "money", name: "Money", hint: "Minor units ⇄ decimal, with currency" },
      { kind: "concat", name: "Concatenate", hint: "Join several fields" },
      { kind: "split", name: "Split", hint: "Split one field by a separator" },
      { kind: "constant", name: "Constant", hint: "Always the same value" },
      { kind: "default", name: "Default value", hint: "A value when the source is empty" },
      { kind: "coalesce", name: "Coalesce", hint: "The first non-empty of several" },
      { kind: "condition", name: "Condition", hint: "Pick a value by a test" },
      { kind: "expression", name: "Expression", hint: "JSONata, sandboxed" },
    ],
  },
  {
    title: "Rules",
    kinds: [
      { kind: "conflictRule", name: "Conflict rule", hint: "Who wins when both sides change" },
      { kind: "matchKey", name: "Match key", hint: "Fields that identify the same person" },
      { kind: "filter", name: "Filter", hint: "Keep records out of a direction" },
    ],
  },
];

export function newNodeId(kind: TransformKind, taken: ReadonlySet<string>): string {
  for (;;) {
    const id = `${kind}-${crypto.randomUUID().slice(0, 8)}`;
    if (!taken.has(id)) return id;
  }
}

export function createNode(
  kind: TransformKind,
  position: { x: number; y: number },
  taken: ReadonlySet<string>,
): FlowNode {
  const data = structuredClone(DEFAULT_DATA[kind]);
  const node = { type: kind, data } as Pick<FlowNode, "type" | "data">;
  return {
    id: newNodeId(kind, taken),
    type: kind,
    position,
    data,
    selected: true,
    ariaLabel: nodeAccessibleName(node),
    ...precomputedGeometry(node),
  } as FlowNode;
}
