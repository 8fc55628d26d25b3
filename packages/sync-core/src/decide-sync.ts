import type { Employee } from "@tandem/hr-model";
import { changedFields, sameValue, type EmployeeField, type FieldValue } from "./field-diff";

export type Side = "A" | "B";
export type Direction = "A->B" | "B->A";

export function directionFrom(source: Side): Direction {
  return source === "A" ? "A->B" : "B->A";
}

/** Who wins a field both sides changed since the shadow. */
export type ConflictPolicy = "A_WINS" | "B_WINS";

export interface FieldDecision {
  field: EmployeeField;
  /** The value the shadow held: what both sides last agreed on. */
  before: FieldValue | undefined;
  after: FieldValue;
  /** Why this value: one side changed it, both agreed, or a conflict rule picked it. */
  rule: "A-changed" | "B-changed" | "both-agree" | "conflict:A_WINS" | "conflict:B_WINS";
  writeTo: { A: boolean; B: boolean };
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
    };

export interface SyncInput {
  /** The side whose change event started this step. */
  source: Side;
  records: { A: Employee | null; B: Employee | null };
  /** What both sides last agreed on, or null for a pair never synced. */
  shadow: Employee | null;
  policy: ConflictPolicy;
  /** The fields both systems read and write faithfully; only these are compared and merged. */
  fields?: readonly EmployeeField[];
}

const other = (side: Side): Side => (side === "A" ? "B" : "A");

/**
 * The three-way merge at the heart of a sync step. Pure: same input, same decision.
 * - nothing in the event's side differs from the shadow → suppressed (a duplicate delivery or
 *   the echo of Tandem's own write);
 * - otherwise every field is merged from shadow, A and B: a field changed on one side takes
 *   that side's value, a field changed on both to different values is settled by the policy,
 *   and each side is written where it differs from the merge.
 */
export function decideSync(input: SyncInput): SyncDecision {
  const { source, records, shadow, policy, fields: synced } = input;
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
  const winner: Side = policy === "A_WINS" ? "A" : "B";
  const merged: Record<string, unknown> = { ...(shadow ?? {}) };
  const decisions: FieldDecision[] = [];

  const fields = new Set([...changes.A.keys(), ...changes.B.keys()]);
  for (const field of fields) {
    const a = changes.A.get(field);
    const b = changes.B.get(field);
    let after: FieldValue;
    let rule: FieldDecision["rule"];
    if (a && b) {
      if (sameValue(a.after, b.after)) {
        after = a.after;
        rule = "both-agree";
      } else {
        after = (winner === "A" ? a : b).after;
        rule = `conflict:${policy}`;
      }
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
      writeTo: {
        A: records.A !== null && !sameValue(records.A[field], after),
        B: records.B !== null && !sameValue(records.B[field], after),
      },
    });
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
}
