"use client";
import { CONFLICT_STRATEGIES } from "@tandem/mapping";
import { CommitInput, Field, Select } from "../inspector/controls";
import { STRATEGY_PHRASES } from "../phrases";
import { defineTransformKind } from "./define-kind";
import type { KindInspectorProps } from "./node-kind";

function ConflictRuleInspector({ node, onChange }: KindInspectorProps<"conflictRule">) {
  return (
    <>
      <Select
        label="When both sides changed the connected fields"
        value={node.data.strategy}
        options={CONFLICT_STRATEGIES}
        labels={STRATEGY_PHRASES}
        onChange={(strategy) =>
          onChange({
            ...node.data,
            strategy,
            ...(strategy === "expression"
              ? { expression: node.data.expression ?? '$a.changedAt > $b.changedAt ? "a" : "b"' }
              : {}),
          })
        }
      />
      {node.data.strategy === "expression" ? (
        <Field label='Expression (returns "a", "b" or a value)'>
          <CommitInput
            label="Conflict expression"
            value={node.data.expression ?? ""}
            onCommit={(expression) => onChange({ ...node.data, expression })}
          />
        </Field>
      ) : null}
    </>
  );
}

export const conflictRule = defineTransformKind({
  kind: "conflictRule",
  name: "Conflict rule",
  palette: { group: "Rules", hint: "Who wins when both sides change" },
  defaultData: { strategy: "a-wins" },
  summary: (data) => STRATEGY_PHRASES[data.strategy],
  Inspector: ConflictRuleInspector,
  accent: "bg-violet-600",
});
