import type { Employee } from "@tandem/hr-model";
import type { ConflictStrategy } from "@tandem/mapping";
import { changedFields, sameValue, type EmployeeField, type FieldValue } from "./field-diff";
import {
  resolveConflict,
  resolveConflictAsync,
  type ConflictResolution,
  type FieldConflict,
  type FieldConflictRule,
} from "./resolve-conflict";

export type Side = "A" | "B";
export type Direction = "A->B" | "B->A";

export function directionFrom(source: Side): Direction {
  return source === "A" ? "A->B" : "B->A";
}

/** Who wins a field both sides changed since the shadow, when no per-field rule says otherwise. */
export type ConflictPolicy = "A_WINS" | "B_WINS";

export interface FieldDecision {
  field: EmployeeField;
  /** The value the shadow held: what both sides last agreed on. */
  before: FieldValue | undefined;
  after: FieldValue;
  /**
   * Why this value: one side changed it, both agreed, or a conflict rule settled it: the
   * sync's policy (`conflict:A_WINS`) or the field's rule from the plan (`conflict:latest-change`).
   */
  rule:
    | "A-changed"
    | "B-changed"
    | "both-agree"
    | `conflict:${ConflictPolicy}`
    | `conflict:${ConflictStrategy}`;
  /** The plan's conflict-rule node that settled it, when one did. */
  ruleNode?: string;
  writeTo: { A: boolean; B: boolean };
}

/** A conflict no rule may settle, waiting for an operator. */
export interface ParkedConflict extends FieldConflict {
  field: EmployeeField;
  reason: string;
  ruleNode?: string;
}

export type SyncDecision =
  | { kind: "suppressed"; reason: string }
  | {
      kind: "write";
      decisions: FieldDecision[];
      /** The merged record both sides hold once the writes are done: the next shadow. */
      merged: Employee;
      /** Which sides need a write (a side absent so far needs a create); may be neither. */
      write: { A: boolean; B: boolean };
    }
  | {
      /**
       * A conflict needs an operator (manual review, or a rule that could not decide): nothing
       * is written and the shadow stays, so the caller parks the change in the review queue.
       */
      kind: "review";
      reason: string;
      conflicts: ParkedConflict[];
      /** How the other fields would have been settled, for the operator's context. */
      decisions: FieldDecision[];
    };

export interface SyncInput {
  /** The side whose change event started this step. */
  source: Side;
  records: { A: Employee | null; B: Employee | null };
  /** What both sides last agreed on, or null for a pair never synced. */
  shadow: Employee | null;
  /** Settles conflicts on fields without a rule in `conflictRules`. */
  policy: ConflictPolicy;
  /** Per-field conflict rules, e.g. the plan's policies (`conflictRulesByField`). */
  conflictRules?: ReadonlyMap<string, FieldConflictRule>;
  /** When each side last changed its record, by its own clock (ISO 8601), for `latest-change`. */
  changedAt?: { A?: string | null; B?: string | null };
  /** The fields both systems read and write faithfully; only these are compared and merged. */
  fields?: readonly EmployeeField[];
}

const other = (side: Side): Side => (side === "A" ? "B" : "A");

interface PendingConflict {
  conflict: FieldConflict & { field: EmployeeField };
  rule: FieldConflictRule | undefined;
}

type MergeDraft =
  | { kind: "suppressed"; reason: string }
  | {
      kind: "merge";
      conflicts: PendingConflict[];
      finish(resolutions: readonly ConflictResolution[]): SyncDecision;
    };

/** The settlement of a conflict by the sync's policy, where the field has no rule of its own. */
function byPolicy(policy: ConflictPolicy, conflict: FieldConflict): ConflictResolution {
  const side: Side = policy === "A_WINS" ? "A" : "B";
  return { outcome: "side", side, value: side === "A" ? conflict.a : conflict.b };
}

/**
 * Everything of the three-way merge but settling conflicts, which may be asynchronous (an
 * expression rule): the conflicts to settle, and how to finish once they are.
 */
function draftMerge(input: SyncInput): MergeDraft {
  const { source, records, shadow, fields: synced } = input;
  const sourceRecord = records[source];
  if (!sourceRecord)
    throw new Error(`decideSync: the ${source} record that raised the event is missing`);
  if (changedFields(shadow, sourceRecord, synced).length === 0) {
    return {
      kind: "suppressed",
      reason: "no field differs from the last synced state (duplicate or echo)",
    };
  }
  const changes = {
    A: new Map(records.A ? changedFields(shadow, records.A, synced).map((c) => [c.field, c]) : []),
    B: new Map(records.B ? changedFields(shadow, records.B, synced).map((c) => [c.field, c]) : []),
  };
  const changedAt = { A: input.changedAt?.A ?? null, B: input.changedAt?.B ?? null };
  const fields = [...new Set([...changes.A.keys(), ...changes.B.keys()])];
  const conflicts: PendingConflict[] = [];
  for (const field of fields) {
    const a = changes.A.get(field);
    const b = changes.B.get(field);
    if (!a || !b || sameValue(a.after, b.after)) continue;
    conflicts.push({
      conflict: { field, base: shadow?.[field], a: a.after, b: b.after, changedAt },
      rule: input.conflictRules?.get(field),
    });
  }

  const finish = (resolutions: readonly ConflictResolution[]): SyncDecision => {
    const settled = new Map(
      conflicts.map((pending, index) => [
        pending.conflict.field,
        { pending, resolution: resolutions[index] },
      ]),
    );
    const merged: Record<string, unknown> = { ...(shadow ?? {}) };
    const decisions: FieldDecision[] = [];
    const parked: ParkedConflict[] = [];
    for (const field of fields) {
      const a = changes.A.get(field);
      const b = changes.B.get(field);
      let after: FieldValue;
      let rule: FieldDecision["rule"];
      let ruleNode: string | undefined;
      const conflict = settled.get(field);
      if (conflict) {
        const { pending, resolution } = conflict;
        ruleNode = pending.rule?.node;
        if (!resolution || resolution.outcome === "review") {
          parked.push({
            ...pending.conflict,
            reason: resolution?.reason ?? "the conflict was not settled",
            ...(ruleNode === undefined ? {} : { ruleNode }),
          });
          continue;
        }
        after = resolution.value;
        rule = pending.rule ? `conflict:${pending.rule.strategy}` : `conflict:${input.policy}`;
      } else if (a && b) {
        after = a.after;
        rule = "both-agree";
      } else if (a) {
        after = a.after;
        rule = "A-changed";
      } else if (b) {
        after = b.after;
        rule = "B-changed";
      } else continue;
      merged[field] = after;
      decisions.push({
        field,
        before: shadow?.[field],
        after,
        rule,
        ...(ruleNode === undefined ? {} : { ruleNode }),
        writeTo: {
          A: records.A !== null && !sameValue(records.A[field], after),
          B: records.B !== null && !sameValue(records.B[field], after),
        },
      });
    }
    if (parked.length > 0) {
      return {
        kind: "review",
        reason: parked.map((conflict) => conflict.reason).join("; "),
        conflicts: parked,
        decisions,
      };
    }
    const mergedRecord: Employee = { ...sourceRecord, ...merged };
    const write = {
      [source]: decisions.some((d) => d.writeTo[source]),
      [other(source)]:
        records[other(source)] === null || decisions.some((d) => d.writeTo[other(source)]),
    } as { A: boolean; B: boolean };
    // With no write needed (both sides already agree, e.g. a retry after the writes landed)
    // the decision still carries the merge, so the shadow catches up.
    return { kind: "write", decisions, merged: mergedRecord, write };
  };
  return { kind: "merge", conflicts, finish };
}

/**
 * The three-way merge at the heart of a sync step. Pure: same input, same decision.
 * - nothing in the event's side differs from the shadow → suppressed (a duplicate delivery or
 *   the echo of Tandem's own write);
 * - otherwise every field is merged from shadow, A and B: a field changed on one side takes
 *   that side's value, and a field changed on both to different values is a conflict, settled
 *   by its rule in `conflictRules` or else by `policy`; each side is written where it differs
 *   from the merge;
 * - a conflict no rule may settle (manual review, or latest change without both times) makes
 *   the whole step a `review` decision, written nowhere.
 * Expression rules evaluate asynchronously: use `decideSyncAsync` when the rules have one.
 */
export function decideSync(input: SyncInput): SyncDecision {
  const draft = draftMerge(input);
  if (draft.kind === "suppressed") return draft;
  return draft.finish(
    draft.conflicts.map(({ conflict, rule }) =>
      rule ? resolveConflict(rule, conflict) : byPolicy(input.policy, conflict),
    ),
  );
}

/** `decideSync` with every conflict strategy, expression rules included. */
export async function decideSyncAsync(input: SyncInput): Promise<SyncDecision> {
  const draft = draftMerge(input);
  if (draft.kind === "suppressed") return draft;
  const resolutions: ConflictResolution[] = [];
  for (const { conflict, rule } of draft.conflicts)
    resolutions.push(
      rule ? await resolveConflictAsync(rule, conflict) : byPolicy(input.policy, conflict),
    );
  return draft.finish(resolutions);
}
