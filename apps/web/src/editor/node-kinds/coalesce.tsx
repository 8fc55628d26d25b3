"use client";
import { Arity } from "../inspector/controls";
import { defineTransformKind } from "./define-kind";
import type { KindInspectorProps } from "./node-kind";

function CoalesceInspector({ node, onChange }: KindInspectorProps<"coalesce">) {
  return (
    <Arity
      label="Inputs"
      value={node.data.inputs}
      onChange={(inputs) => onChange({ ...node.data, inputs })}
    />
  );
}

export const coalesce = defineTransformKind({
  kind: "coalesce",
  name: "Coalesce",
  palette: { group: "Transforms", hint: "The first non-empty of several" },
  defaultData: { inputs: 2 },
  summary: (data) => `first non-empty of ${data.inputs}`,
  Inspector: CoalesceInspector,
});
