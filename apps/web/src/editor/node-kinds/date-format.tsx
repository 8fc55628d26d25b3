"use client";
import { Select } from "../inspector/controls";
import { defineTransformKind } from "./define-kind";
import type { KindInspectorProps } from "./node-kind";

const DATE_PATTERNS = [
  "YYYY-MM-DD",
  "MM/DD/YYYY",
  "DD/MM/YYYY",
  "DD.MM.YYYY",
  "YYYY/MM/DD",
  "MM-DD-YYYY",
  "DD-MM-YYYY",
  "YYYYMMDD",
];

function DateFormatInspector({ node, onChange }: KindInspectorProps<"dateFormat">) {
  return (
    <>
      <Select
        label="From pattern"
        value={node.data.from}
        options={DATE_PATTERNS}
        onChange={(from) => onChange({ ...node.data, from })}
      />
      <Select
        label="To pattern"
        value={node.data.to}
        options={DATE_PATTERNS}
        onChange={(to) => onChange({ ...node.data, to })}
      />
    </>
  );
}

export const dateFormat = defineTransformKind({
  kind: "dateFormat",
  name: "Date format",
  palette: { group: "Transforms", hint: "Reorder YYYY, MM and DD" },
  defaultData: { from: "MM/DD/YYYY", to: "YYYY-MM-DD" },
  summary: (data) => `${data.from} → ${data.to}`,
  Inspector: DateFormatInspector,
  outputKind: () => "text",
  inputKind: () => "text",
});
