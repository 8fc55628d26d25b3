import { sealAuditValue, type Prisma } from "@tandem/db";
import type { PreparedSyncPlan, Side } from "@tandem/sync-core";
import type { SyncContext } from "./sync-context";

type AuditRow = Prisma.AuditEntryCreateManyInput;

const sensitiveByPlan = new WeakMap<PreparedSyncPlan, ReadonlySet<string>>();

/** Field ids either side of the plan marks sensitive (a shared id on both sides counts for both). */
function sensitiveFieldsOf(plan: PreparedSyncPlan): ReadonlySet<string> {
  let fields = sensitiveByPlan.get(plan);
  if (!fields) {
    fields = new Set(
      [...plan.plan.sides.a.fields, ...plan.plan.sides.b.fields]
        .filter((field) => field.sensitive)
        .map((field) => field.id),
    );
    sensitiveByPlan.set(plan, fields);
  }
  return fields;
}

/** The side whose connection a row names: the side written (or refusing the write), else the side read. */
function connectionSideOf(row: AuditRow): Side {
  const [from, to]: [Side, Side] = row.direction === "B->A" ? ["b", "a"] : ["a", "b"];
  const wrote = row.outcome === "written" || row.outcome === "created";
  return wrote || row.rule === "vendor-refused" ? to : from;
}

/**
 * Completes audit rows before they are inserted: the connection of the side written or read,
 * and the before/after of sensitive fields sealed (bound to the row's workspace, sync and
 * field). A row naming several fields (a parked group) is sealed if any of them is sensitive:
 * its reason can quote their values. Only those rows pay for the cipher.
 */
export function finishAuditRows<Row extends AuditRow>(ctx: SyncContext, rows: Row[]): Row[] {
  const sensitive = sensitiveFieldsOf(ctx.plan);
  for (const row of rows) {
    row.connectionId ??= ctx.connectionIds[connectionSideOf(row)];
    const field = row.field;
    if (sensitive.size === 0 || !field) continue;
    if (!field.split(", ").some((id) => sensitive.has(id))) continue;
    const binding = { workspaceId: row.workspaceId, syncId: row.syncId, field };
    if (row.before != null) row.before = sealAuditValue(ctx.secretKey, row.before, binding);
    if (row.after != null) row.after = sealAuditValue(ctx.secretKey, row.after, binding);
  }
  return rows;
}

/** Audit outcome of a change parked for an operator: a conflict is recorded as conflicted. */
export function parkedOutcome(kind: string): "conflicted" | "parked" {
  return kind === "conflict" ? "conflicted" : "parked";
}
