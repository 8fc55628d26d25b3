import {
  checkExpression,
  compileSandboxedExpression,
  type ConflictPolicy,
  type ConflictStrategy,
  type SyncPlan,
} from "@tandem/mapping";
import type { Side } from "./sides";

/** A field value as a plan side holds it. */
export type FieldValue = unknown;

/** How a field changed on both sides since the shadow is settled: a plan's per-field policy. */
export interface FieldConflictRule {
  strategy: ConflictStrategy;
  /** The JSONata expression of the `expression` strategy. */
  expression?: string;
  /** The plan's conflict-rule node, for the audit trail; absent for the plan's default. */
  node?: string;
}

/** A field both sides changed, to different values, since they last agreed. */
export interface FieldConflict {
  field: string;
  /** What both sides last agreed on (the shadow), absent for a pair never synced. */
  base: FieldValue;
  a: FieldValue;
  b: FieldValue;
  /** When each side last changed its record, by its own clock (ISO 8601), when known. */
  changedAt: { a: string | null; b: string | null };
}

export type ConflictResolution =
  /** One side's value wins. */
  | { outcome: "side"; side: Side; value: FieldValue }
  /** An expression computed the value both sides take. */
  | { outcome: "value"; value: FieldValue }
  /** No rule may decide: an operator must (the caller parks the change for review). */
  | { outcome: "review"; reason: string };

const isEmpty = (value: FieldValue) => value === null || value === undefined || value === "";

const pick = (conflict: FieldConflict, side: Side): ConflictResolution => ({
  outcome: "side",
  side,
  value: side === "a" ? conflict.a : conflict.b,
});

/** The side whose change is later by the systems' own clocks, or why that cannot be told. */
function laterSide(conflict: FieldConflict): Side | { reason: string } {
  const a = conflict.changedAt.a === null ? Number.NaN : Date.parse(conflict.changedAt.a);
  const b = conflict.changedAt.b === null ? Number.NaN : Date.parse(conflict.changedAt.b);
  if (Number.isNaN(a) || Number.isNaN(b)) {
    const missing = [Number.isNaN(a) ? "A" : null, Number.isNaN(b) ? "B" : null]
      .filter((side) => side !== null)
      .join(" and ");
    return { reason: `latest change wins, but ${missing} did not say when it changed the record` };
  }
  if (a === b)
    return { reason: `latest change wins, but both sides changed it at ${conflict.changedAt.a}` };
  return a > b ? "a" : "b";
}

function latestChange(conflict: FieldConflict): ConflictResolution {
  const later = laterSide(conflict);
  return typeof later === "string" ? pick(conflict, later) : { outcome: "review", ...later };
}

function describe(value: FieldValue): string {
  return value === undefined ? "nothing" : JSON.stringify(value);
}

/**
 * Settles a conflict by every strategy but `expression` (which needs `resolveConflictAsync`).
 * Pure and deterministic: the same conflict and rule give the same resolution.
 */
export function resolveConflict(
  rule: FieldConflictRule,
  conflict: FieldConflict,
): ConflictResolution {
  switch (rule.strategy) {
    case "a-wins":
      return pick(conflict, "a");
    case "b-wins":
      return pick(conflict, "b");
    case "latest-change":
      return latestChange(conflict);
    case "prefer-non-empty":
      if (isEmpty(conflict.a) !== isEmpty(conflict.b))
        return pick(conflict, isEmpty(conflict.a) ? "b" : "a");
      // Both hold a value: emptiness cannot choose, so the later change does.
      return latestChange(conflict);
    case "manual-review":
      return {
        outcome: "review",
        reason: `${conflict.field} changed on both sides (A: ${describe(conflict.a)}, B: ${describe(conflict.b)}, before: ${describe(conflict.base)}) and its rule asks an operator to decide`,
      };
    case "expression":
      throw new Error(
        `the conflict on ${conflict.field} is settled by an expression, which evaluates asynchronously: use resolveConflictAsync`,
      );
  }
}

/** What an expression rule returned, read as a resolution. */
function expressionResult(result: unknown, conflict: FieldConflict): ConflictResolution {
  if (result === "a") return pick(conflict, "a");
  if (result === "b") return pick(conflict, "b");
  if (result === "review")
    return {
      outcome: "review",
      reason: `the expression rule on ${conflict.field} asked for review`,
    };
  if (
    result === null ||
    typeof result === "string" ||
    typeof result === "number" ||
    typeof result === "boolean"
  )
    return { outcome: "value", value: result as FieldValue };
  return {
    outcome: "review",
    reason: `the expression rule on ${conflict.field} returned ${result === undefined ? "nothing" : Array.isArray(result) ? "a list" : `a ${typeof result}`}, not "a", "b", "review" or a single value`,
  };
}

/**
 * Settles a conflict by any strategy. An `expression` runs in the mapping's JSONata sandbox
 * (no clock, no randomness, bounded time) with `a`, `b`, `base`, `aChangedAt` and `bChangedAt`;
 * it returns "a", "b", "review" or the value itself. A failing expression parks the change.
 */
export async function resolveConflictAsync(
  rule: FieldConflictRule,
  conflict: FieldConflict,
): Promise<ConflictResolution> {
  if (rule.strategy !== "expression") return resolveConflict(rule, conflict);
  const source = rule.expression ?? "";
  const check = checkExpression(source);
  if (!check.ok)
    return {
      outcome: "review",
      reason: `the expression rule on ${conflict.field} is unusable: ${check.message}`,
    };
  try {
    const result = await compileSandboxedExpression(source).evaluate({
      a: conflict.a,
      b: conflict.b,
      base: conflict.base ?? null,
      aChangedAt: conflict.changedAt.a,
      bChangedAt: conflict.changedAt.b,
    });
    return expressionResult(result, conflict);
  } catch (error) {
    return {
      outcome: "review",
      reason: `the expression rule on ${conflict.field} failed: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

/**
 * The plan's conflict policies by field of one side: for a sync whose records carry that
 * side's field names (e.g. side A holds the normalized model's fields).
 */
export function conflictRulesByField(
  plan: Pick<SyncPlan, "conflicts">,
  side: "a" | "b",
): Map<string, FieldConflictRule> {
  const rules = new Map<string, FieldConflictRule>();
  for (const policy of plan.conflicts) {
    const rule = ruleOfPolicy(policy);
    for (const field of policy[side]) rules.set(field, rule);
  }
  return rules;
}

export function ruleOfPolicy(policy: ConflictPolicy): FieldConflictRule {
  return {
    strategy: policy.strategy,
    ...(policy.expression === undefined ? {} : { expression: policy.expression }),
    ...(policy.node === undefined ? {} : { node: policy.node }),
  };
}
