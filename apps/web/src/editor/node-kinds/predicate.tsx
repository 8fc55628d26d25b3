"use client";
import { PredicateEditor } from "../inspector/predicate-editor";
import type { SharedInspectorProps } from "./node-kind";

/** Conditions and filters: one test on a value. */
export function PredicateInspector({
  node,
  onChange,
}: SharedInspectorProps<"condition" | "filter">) {
  return (
    <PredicateEditor
      predicate={node.data.predicate}
      onChange={(predicate) => onChange({ ...node.data, predicate })}
    />
  );
}
