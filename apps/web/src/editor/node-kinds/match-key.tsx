"use client";
import { MATCH_NORMALIZATIONS } from "@tandem/mapping";
import { Field, inputClass, Select } from "../inspector/controls";
import { defineTransformKind } from "./define-kind";
import type { KindInspectorProps } from "./node-kind";

function MatchKeyInspector({ node, onChange }: KindInspectorProps<"matchKey">) {
  return (
    <>
      <Select
        label="Compare"
        value={node.data.normalize}
        options={MATCH_NORMALIZATIONS}
        onChange={(normalize) => onChange({ ...node.data, normalize })}
      />
      <Field label="Priority (lower is tried first)">
        <input
          type="number"
          min={0}
          max={100}
          className={inputClass}
          value={node.data.priority}
          onChange={(event) => {
            const priority = Number(event.target.value);
            if (Number.isInteger(priority) && priority >= 0 && priority <= 100)
              onChange({ ...node.data, priority });
          }}
        />
      </Field>
    </>
  );
}

export const matchKey = defineTransformKind({
  kind: "matchKey",
  name: "Match key",
  palette: { group: "Rules", hint: "Fields that identify the same person" },
  defaultData: { normalize: "case-insensitive", priority: 0 },
  summary: (data) => `${data.normalize} · priority ${data.priority}`,
  Inspector: MatchKeyInspector,
  accent: "bg-emerald-600",
});
