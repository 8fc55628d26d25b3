"use client";
import { Arity, CommitInput, Field } from "../inspector/controls";
import { defineTransformKind } from "./define-kind";
import type { KindInspectorProps } from "./node-kind";

function ConcatInspector({ node, onChange }: KindInspectorProps<"concat">) {
  return (
    <>
      <Arity
        label="Inputs"
        value={node.data.inputs}
        onChange={(inputs) => onChange({ ...node.data, inputs })}
      />
      <Field label="Separator">
        <CommitInput
          label="Separator"
          value={node.data.separator}
          onCommit={(separator) => onChange({ ...node.data, separator })}
        />
      </Field>
    </>
  );
}

export const concat = defineTransformKind({
  kind: "concat",
  name: "Concatenate",
  palette: { group: "Transforms", hint: "Join several fields" },
  defaultData: { inputs: 2, separator: " " },
  summary: (data) => `join ${data.inputs} with ${JSON.stringify(data.separator)}`,
  Inspector: ConcatInspector,
  outputKind: () => "text",
});
