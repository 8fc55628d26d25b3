"use client";
import { Arity, CommitInput, Field } from "../inspector/controls";
import { defineTransformKind } from "./define-kind";
import type { KindInspectorProps } from "./node-kind";

function SplitInspector({ node, onChange }: KindInspectorProps<"split">) {
  return (
    <>
      <Arity
        label="Parts"
        value={node.data.parts}
        onChange={(parts) => onChange({ ...node.data, parts })}
      />
      <Field label="Separator">
        <CommitInput
          label="Separator"
          value={node.data.separator}
          onCommit={(separator) => separator && onChange({ ...node.data, separator })}
        />
      </Field>
    </>
  );
}

export const split = defineTransformKind({
  kind: "split",
  name: "Split",
  palette: { group: "Transforms", hint: "Split one field by a separator" },
  defaultData: { parts: 2, separator: " " },
  summary: (data) => `split into ${data.parts} at ${JSON.stringify(data.separator)}`,
  Inspector: SplitInspector,
  outputKind: () => "text",
  inputKind: () => "text",
});
