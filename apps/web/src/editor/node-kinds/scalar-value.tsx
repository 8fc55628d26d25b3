"use client";
import { Field, ScalarInput } from "../inspector/controls";
import type { SharedInspectorProps } from "./node-kind";

/** Constants and defaults: one value of a chosen type. */
export function ScalarValueInspector({
  node,
  onChange,
}: SharedInspectorProps<"constant" | "default">) {
  return (
    <Field label="Value">
      <ScalarInput
        label="Value"
        value={node.data.value}
        onCommit={(value) => onChange({ ...node.data, value })}
      />
    </Field>
  );
}
