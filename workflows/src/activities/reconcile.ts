import { createHash } from "node:crypto";
import { ApplicationFailure, Context } from "@temporalio/activity";
import { ConnectorError, type EntityRecord } from "@tandem/connectors";
import type { Db, RecordLink } from "@tandem/db";
import { matchesShadow, projectShadow, type Shadow, type Side } from "@tandem/sync-core";
import type { ExecutorNudger } from "../dispatch";
import {
  RECONCILE_CHANGE_KIND,
  reconcileDeliveryId,
  type ReconcileBegun,
  type ReconcileReport,
  type ReconcileSideListing,
  type ReconcileSideOutcome,
} from "../reconcile-shapes";
import type { SyncRef } from "../shared";
import { ID_CHUNK, chunked, loadForBackfill, vendorCall } from "./backfill-snapshot";
import { inPool } from "./in-pool";
import type { SyncContext, SyncContextLoader } from "./sync-context";

/** Records a change listing's ids are read with at once. */
const READ_CONCURRENCY = 8;
const DEFAULT_OVERLAP_MS = 60_000;
const HEARTBEAT_MS = 5_000;

const column = (side: Side) =>
  side === "a"
    ? ({ id: "aId", shadow: "shadowA", cursor: "cursorA" } as const)
    : ({ id: "bId", shadow: "shadowB", cursor: "cursorB" } as const);
const suffix = (side: Side) => (side === "a" ? "A" : "B");

/**
 * Whether a listed record is drift for the engine to repair: it has no link (a new record whose
 * webhook never came), it differs from its side's shadow (a change whose webhook never came),
 * or its pair was linked but never settled. A half link with nothing settled is left alone:
 * its step already found nothing to carry.
 */
export function isDrift(
  ctx: SyncContext,
  side: Side,
  record: EntityRecord,
  link: RecordLink | undefined,
): boolean {
  if (!link) return true;
  const shadowText = link[column(side).shadow];
  if (shadowText)
    return !matchesShadow(ctx.plan, side, record.fields, JSON.parse(shadowText) as Shadow);
  const other = side === "a" ? link.bId : link.aId;
  return other !== null || link.pendingCreate !== null;
}

/** The hash of a record's plan fields (in the plan's field order): what a mark remembers. */
function fieldsHash(ctx: SyncContext, side: Side, record: EntityRecord): string {
  const fields = projectShadow(ctx.plan, side, record.fields);
  return createHash("sha256").update(JSON.stringify(fields)).digest("base64url").slice(0, 32);
}

/** Every record of a side, page by page (the vendor's page size; Retry-After honoured). */
async function listAll(ctx: SyncContext, side: Side): Promise<EntityRecord[]> {
  const records: EntityRecord[] = [];
  let cursor: string | null = null;
  do {
    const page = await vendorCall(() => ctx.entities[side].list(cursor));
    records.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return records;
}

/** The records the vendor's change listing names since `since`, each read in full. */
async function listChanged(
  ctx: SyncContext,
  side: Side,
  since: string,
  listChangedSince: (since: string) => Promise<string[]>,
): Promise<EntityRecord[]> {
  const ids = await vendorCall(() => listChangedSince(since));
  const records: EntityRecord[] = [];
  await inPool([...new Set(ids)], READ_CONCURRENCY, async (id) => {
    const record = await vendorCall(() => ctx.entities[side].read(id));
    if (record) records.push(record);
  });
  return records;
}

/** What a failed listing is called in Temporal: its kind, never a vendor's message. */
function failureKind(error: unknown): string {
  if (error instanceof ApplicationFailure) return error.type ?? "ApplicationFailure";
  if (error instanceof ConnectorError) return `ConnectorError (${error.kind})`;
  return error instanceof Error ? error.name : typeof error;
}

function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 2000);
}

export function createReconcileActivities(
  db: Db,
  loadContext: SyncContextLoader,
  nudger: ExecutorNudger,
) {
  return {
    /**
     * Opens the run's report (once per workflow run, so a retry finds it) and works out each
     * side's `since`: the last run's cursor that side was read in full, minus the overlap; null
     * when no run ever read that side in full (the run compares every record).
     */
    async beginReconcileRun(input: { ref: SyncRef; overlapMs?: number }): Promise<ReconcileBegun> {
      const ctx = await loadForBackfill(loadContext, input.ref);
      const { workspaceId, syncId } = ctx.ref;
      const info = Context.current().info;
      const run = {
        workflowId: info.workflowExecution?.workflowId ?? info.activityId,
        runId: info.workflowExecution?.runId ?? "",
      };
      const overlapMs = input.overlapMs ?? DEFAULT_OVERLAP_MS;
      const sinceOf = async (side: Side): Promise<Date | null> => {
        const cursor = column(side).cursor;
        const last = await db.reconcileRun.findFirst({
          where: { workspaceId, syncId, [cursor]: { not: null } },
          orderBy: { [cursor]: "desc" },
          select: { cursorA: true, cursorB: true },
        });
        const at = last?.[cursor];
        return at ? new Date(at.getTime() - overlapMs) : null;
      };
      const existing = await db.reconcileRun.findFirst({ where: { workspaceId, syncId, ...run } });
      const row =
        existing ??
        (await db.reconcileRun.create({
          data: {
            workspaceId,
            syncId,
            ...run,
            sinceA: await sinceOf("a"),
            sinceB: await sinceOf("b"),
          },
        }));
      return {
        reconcileRunId: row.id,
        since: { a: row.sinceA?.toISOString() ?? null, b: row.sinceB?.toISOString() ?? null },
      };
    },

    /**
     * Reads one side in full: the vendor's change listing since `since` where the connector has
     * one, otherwise every record page by page; then compares each record with its link's
     * shadow. Nothing is written but the report: a vendor error or a malformed page fails the
     * activity (retried with backoff, each attempt's error in the report), and what was read
     * before it is dropped, so a side is never repaired from a partial read.
     */
    async listReconcileSide(input: {
      ref: SyncRef;
      reconcileRunId: string;
      side: Side;
      since: string | null;
    }): Promise<ReconcileSideListing> {
      const { side } = input;
      const { workspaceId, syncId } = input.ref;
      const activity = Context.current();
      const attempt = activity.info.attempt;
      const alive = setInterval(() => activity.heartbeat(), HEARTBEAT_MS);
      const report = (data: Record<string, unknown>) =>
        db.reconcileRun.updateMany({ where: { workspaceId, id: input.reconcileRunId }, data });
      try {
        const ctx = await loadForBackfill(loadContext, input.ref);
        const entity = ctx.entities[side];
        const listChangedSince = entity.listChangedSince?.bind(entity);
        const mode = input.since && listChangedSince ? "change-listing" : "paged-comparison";
        const records =
          input.since && listChangedSince
            ? await listChanged(ctx, side, input.since, listChangedSince)
            : await listAll(ctx, side);
        const ids = records.map((record) => record.id);
        const links = new Map<string, RecordLink>();
        const pending = new Set<string>();
        const marks = new Map<string, string>();
        const idColumn = column(side).id;
        await chunked(ids, ID_CHUNK, async (chunk) => {
          const [linked, queued, marked] = await Promise.all([
            db.recordLink.findMany({
              where: {
                workspaceId,
                syncId,
                entity: ctx.plan.sides.a.entity,
                [idColumn]: { in: chunk },
              },
            }),
            db.syncEvent.findMany({
              where: { workspaceId, syncId, side, status: "pending", externalId: { in: chunk } },
              select: { externalId: true },
            }),
            db.reconcileMark.findMany({
              where: { workspaceId, syncId, side, externalId: { in: chunk } },
              select: { externalId: true, fieldsHash: true },
            }),
          ]);
          for (const link of linked) {
            const id = link[idColumn];
            if (id) links.set(id, link);
          }
          for (const row of queued) pending.add(row.externalId);
          for (const row of marked) marks.set(row.externalId, row.fieldsHash);
        });
        // A record with a change already queued gets its step anyway; one handed over before
        // and unchanged since (parked for review, excluded by a filter) waits for its answer.
        const drifted = records
          .filter((record) => !pending.has(record.id))
          .filter((record) => isDrift(ctx, side, record, links.get(record.id)))
          .map((record) => ({ id: record.id, hash: fieldsHash(ctx, side, record) }))
          .filter((record) => marks.get(record.id) !== record.hash);
        await report({
          [`mode${suffix(side)}`]: mode,
          [`attempts${suffix(side)}`]: attempt,
          [`error${suffix(side)}`]: null,
        });
        return { mode, listed: records.length, drifted };
      } catch (error) {
        await report({
          [`attempts${suffix(side)}`]: attempt,
          [`error${suffix(side)}`]: `attempt ${attempt}: ${messageOf(error)}`,
        });
        if (error instanceof ApplicationFailure && error.type === "SyncNotRunnable") throw error;
        const retryAfter =
          error instanceof ApplicationFailure && typeof error.nextRetryDelay === "number"
            ? { nextRetryDelay: error.nextRetryDelay }
            : {};
        throw ApplicationFailure.create({
          message: `listing side ${side.toUpperCase()} of sync ${syncId} failed: ${failureKind(error)} (details in the run's report)`,
          type: "ReconcileListingFailed",
          ...retryAfter,
        });
      } finally {
        clearInterval(alive);
      }
    },

    /**
     * Queues the drift of every side read in full as changes for the sync's executor (the
     * normal plan-driven step: rules, review and audit apply), closes the report and moves the
     * cursor of each side read in full to the run's start. A side whose listing failed queues
     * nothing and keeps its cursor, so the next run lists its window again.
     */
    async finishReconcileRun(input: {
      ref: SyncRef;
      reconcileRunId: string;
      sides: Record<Side, ReconcileSideOutcome>;
    }): Promise<ReconcileReport> {
      const ctx = await loadForBackfill(loadContext, input.ref);
      const { workspaceId, syncId } = ctx.ref;
      const run = await db.reconcileRun.findFirstOrThrow({
        where: { workspaceId, id: input.reconcileRunId },
      });
      const deliveryId = reconcileDeliveryId(run.id);
      const sides = ["a", "b"] as const;
      const now = new Date();
      const enqueued = await db.$transaction(async (tx) => {
        // A retried finish finds its changes already queued.
        const queued = await tx.syncEvent.count({ where: { workspaceId, syncId, deliveryId } });
        if (queued > 0 || run.finishedAt) return queued;
        const rows = sides.flatMap((side) => {
          const outcome = input.sides[side];
          return outcome.ok
            ? outcome.drifted.map(({ id }) => ({
                workspaceId,
                syncId,
                kind: RECONCILE_CHANGE_KIND,
                side,
                entity: ctx.plan.sides[side].entity,
                externalId: id,
                deliveryId,
                changedAt: now,
              }))
            : [];
        });
        await chunked(rows, ID_CHUNK, (chunk) => tx.syncEvent.createMany({ data: chunk }));
        for (const side of sides) {
          const outcome = input.sides[side];
          if (!outcome.ok) continue;
          await chunked(outcome.drifted, ID_CHUNK, async (chunk) => {
            await tx.reconcileMark.deleteMany({
              where: { workspaceId, syncId, side, externalId: { in: chunk.map(({ id }) => id) } },
            });
            await tx.reconcileMark.createMany({
              data: chunk.map(({ id, hash }) => ({
                workspaceId,
                syncId,
                side,
                externalId: id,
                fieldsHash: hash,
                updatedAt: now,
              })),
            });
          });
        }
        const okCount = sides.filter((side) => input.sides[side].ok).length;
        const counts = (side: Side) => {
          const outcome = input.sides[side];
          return outcome.ok
            ? {
                [`listed${suffix(side)}`]: outcome.listed,
                [`drifted${suffix(side)}`]: outcome.drifted.length,
                [`cursor${suffix(side)}`]: run.startedAt,
              }
            : {};
        };
        await tx.reconcileRun.updateMany({
          where: { workspaceId, id: run.id },
          data: {
            ...counts("a"),
            ...counts("b"),
            enqueued: rows.length,
            status: okCount === 2 ? "succeeded" : okCount === 1 ? "partial" : "failed",
            finishedAt: now,
          },
        });
        return rows.length;
      });
      if (enqueued > 0) await nudger.nudge([ctx.ref]).catch(() => undefined);
      const finished = await db.reconcileRun.findFirstOrThrow({
        where: { workspaceId, id: run.id },
      });
      return {
        reconcileRunId: run.id,
        status: finished.status as ReconcileReport["status"],
        listed: { a: finished.listedA, b: finished.listedB },
        drifted: { a: finished.driftedA, b: finished.driftedB },
        enqueued: finished.enqueued,
      };
    },
  };
}
