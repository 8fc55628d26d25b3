import type { Client } from "@temporalio/client";
import type { WorkspaceDb } from "@tandem/db";
import {
  describeReconcileSchedule,
  followSyncSchedule,
  triggerReconcile,
} from "@tandem/workflows/reconcile-client";
import type { ApiContext } from "../context";
import { TandemError } from "../errors/tandem-error";

/** Without TANDEM_RECONCILE_INTERVAL_MINUTES (tests, scripts): every 15 minutes. */
export const DEFAULT_RECONCILE_INTERVAL_MINUTES = 15;

export interface ScheduleDeps {
  temporal: () => Promise<Client>;
  taskQueue?: string;
  /** The deployment's default interval, for syncs that set none. */
  defaultIntervalMinutes?: number;
}

/** The schedule's dependencies from a procedure's context. */
export function reconcileScheduleDeps(
  ctx: Pick<ApiContext, "temporal" | "taskQueue" | "reconcileIntervalMinutes">,
): ScheduleDeps {
  return {
    temporal: ctx.temporal,
    ...(ctx.taskQueue ? { taskQueue: ctx.taskQueue } : {}),
    ...(ctx.reconcileIntervalMinutes
      ? { defaultIntervalMinutes: ctx.reconcileIntervalMinutes }
      : {}),
  };
}

async function syncOf(wdb: WorkspaceDb, syncId: string) {
  const sync = await wdb.sync.findFirst({
    where: { id: syncId },
    select: {
      id: true,
      workspaceId: true,
      reconcileIntervalMinutes: true,
      reconcilePaused: true,
      mapping: { select: { publishedHash: true } },
    },
  });
  if (!sync) throw new TandemError("NOT_FOUND", `no sync ${syncId} in this workspace`);
  return sync;
}

/**
 * Puts the sync's reconciliation schedule in step with the sync: present, at its interval (or
 * the deployment's), while the sync runs a published mapping and is not paused; absent otherwise.
 */
export async function syncReconcileSchedule(
  wdb: WorkspaceDb,
  deps: ScheduleDeps,
  syncId: string,
): Promise<{ scheduled: boolean; intervalMinutes: number }> {
  const sync = await syncOf(wdb, syncId);
  return followSyncSchedule(
    await deps.temporal(),
    { workspaceId: sync.workspaceId, syncId: sync.id },
    {
      live: Boolean(sync.mapping?.publishedHash),
      reconcilePaused: sync.reconcilePaused,
      reconcileIntervalMinutes: sync.reconcileIntervalMinutes,
    },
    {
      defaultIntervalMinutes: deps.defaultIntervalMinutes ?? DEFAULT_RECONCILE_INTERVAL_MINUTES,
      ...(deps.taskQueue ? { taskQueue: deps.taskQueue } : {}),
    },
  );
}

/**
 * After a publish: the mapping's sync goes live, so its schedule is created (or follows the
 * new settings). The version is published whatever Temporal says; a schedule Temporal could not
 * take now is made by the next publish or `syncs.configureReconcile`.
 */
export async function scheduleReconcileOfMapping(
  wdb: WorkspaceDb,
  deps: ScheduleDeps,
  mappingId: string,
): Promise<void> {
  const mapping = await wdb.mapping.findFirst({
    where: { id: mappingId },
    select: { syncId: true },
  });
  if (!mapping?.syncId) return;
  try {
    await syncReconcileSchedule(wdb, deps, mapping.syncId);
  } catch (error) {
    console.warn(
      `reconciliation schedule of sync ${mapping.syncId} not updated: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** Sets the sync's interval (null: the deployment's) and whether reconciliation is paused. */
export async function configureSyncReconcile(
  wdb: WorkspaceDb,
  deps: ScheduleDeps,
  input: { syncId: string; intervalMinutes?: number | null; paused?: boolean },
) {
  const sync = await syncOf(wdb, input.syncId);
  await wdb.sync.updateMany({
    where: { id: sync.id },
    data: {
      ...(input.intervalMinutes === undefined
        ? {}
        : { reconcileIntervalMinutes: input.intervalMinutes }),
      ...(input.paused === undefined ? {} : { reconcilePaused: input.paused }),
    },
  });
  return syncReconcileSchedule(wdb, deps, sync.id);
}

/** Starts a reconciliation run of the sync now, through its schedule. */
export async function reconcileSyncNow(wdb: WorkspaceDb, deps: ScheduleDeps, syncId: string) {
  const sync = await syncOf(wdb, syncId);
  const ref = { workspaceId: sync.workspaceId, syncId: sync.id };
  const client = await deps.temporal();
  if (!(await describeReconcileSchedule(client, ref)))
    throw new TandemError(
      "PRECONDITION_FAILED",
      `sync ${syncId} has no reconciliation schedule (paused, or no published mapping)`,
    );
  await triggerReconcile(client, ref);
  return { triggered: true };
}

/**
 * The sync's latest reconciliation runs, newest first, with what became of the changes each
 * queued (per status of the queued change: applied means the step wrote the repair).
 */
export async function listReconcileRuns(
  wdb: WorkspaceDb,
  input: { syncId: string; limit: number },
) {
  const sync = await syncOf(wdb, input.syncId);
  const runs = await wdb.reconcileRun.findMany({
    where: { syncId: sync.id },
    orderBy: { startedAt: "desc" },
    take: input.limit,
  });
  const outcomes = await wdb.syncEvent.groupBy({
    by: ["deliveryId", "status"],
    where: {
      syncId: sync.id,
      kind: "reconcile",
      deliveryId: { in: runs.map((run) => `reconcile:${run.id}`) },
    },
    _count: { _all: true },
  });
  return runs.map((run) => {
    const changes: Record<string, number> = {};
    for (const row of outcomes)
      if (row.deliveryId === `reconcile:${run.id}`) changes[row.status] = row._count._all;
    const side = (s: "A" | "B") => ({
      since: run[`since${s}`],
      mode: run[`mode${s}`],
      listed: run[`listed${s}`],
      drifted: run[`drifted${s}`],
      error: run[`error${s}`],
      attempts: run[`attempts${s}`],
      cursor: run[`cursor${s}`],
    });
    return {
      id: run.id,
      workflowId: run.workflowId,
      runId: run.runId,
      status: run.status,
      startedAt: run.startedAt,
      finishedAt: run.finishedAt,
      a: side("A"),
      b: side("B"),
      enqueued: run.enqueued,
      repaired: changes.applied ?? 0,
      changes,
    };
  });
}
