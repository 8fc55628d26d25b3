"use client";
import { ExpressionEditor } from "../inspector/expression-editor";
import { defineTransformKind } from "./define-kind";
import type { KindInspectorProps } from "./node-kind";

function ExpressionInspector({ node, onChange }: KindInspectorProps<"expression">) {
  return <ExpressionEditor data={node.data} onChange={onChange} />;
}

export const expression = defineTransformKind({
  kind: "expression",
  name: "Expression",
  palette: { group: "Transforms", hint: "JSONata, sandboxed" },
  defaultData: { expression: "$trim(value)", inputs: ["value"] },
  summary: (data) =>
    data.expression.length > 48 ? `${data.expression.slice(0, 47)}…` : data.expression,
  Inspector: ExpressionInspector,
  accent: "bg-fuchsia-700",
});
