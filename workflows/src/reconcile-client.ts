// What the web app uses to keep a sync's reconciliation schedule in step with the sync, to run
// it now, and to read what a run did. Imports the workflow only as a type, like dispatch.ts.
import {
  ScheduleAlreadyRunning,
  ScheduleNotFoundError,
  type Client,
  type ScheduleOptionsStartWorkflowAction,
} from "@temporalio/client";
import { syncReconcileScheduleId, syncReconcileWorkflowId } from "@tandem/sync-core";
import { RECONCILE_WORKFLOW, type ReconcileInput } from "./reconcile-shapes";
import { TASK_QUEUE, type SyncRef } from "./shared";
import type { reconcileWorkflow } from "./workflows/reconcile";

export interface ReconcileScheduleOptions {
  intervalMinutes: number;
  taskQueue?: string;
}

function actionOf(
  ref: SyncRef,
  taskQueue: string,
): ScheduleOptionsStartWorkflowAction<typeof reconcileWorkflow> {
  const input: ReconcileInput = { workspaceId: ref.workspaceId, syncId: ref.syncId };
  return {
    type: "startWorkflow",
    workflowType: RECONCILE_WORKFLOW,
    workflowId: syncReconcileWorkflowId(ref),
    taskQueue,
    args: [input],
  };
}

/**
 * Creates the sync's schedule, or updates its interval and action when it exists. A run still
 * going when the next is due makes that one skip (one run at a time per sync); after an outage
 * of the cluster, one missed run is made up, not every one.
 */
export async function upsertReconcileSchedule(
  client: Client,
  ref: SyncRef,
  options: ReconcileScheduleOptions,
): Promise<void> {
  const scheduleId = syncReconcileScheduleId(ref);
  const spec = { intervals: [{ every: `${options.intervalMinutes} minutes` }] };
  const action = actionOf(ref, options.taskQueue ?? TASK_QUEUE);
  const policies = {
    overlap: "SKIP",
    catchupWindow: `${options.intervalMinutes} minutes`,
  } as const;
  try {
    await client.schedule.create({ scheduleId, spec, action, policies });
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    await client.schedule
      .getHandle(scheduleId)
      .update((previous) => ({ ...previous, spec, action, policies, state: { paused: false } }));
  }
}

/** What decides a sync's schedule, as the database holds it. */
export interface SyncScheduleSettings {
  /** The sync runs a published mapping. */
  live: boolean;
  reconcilePaused: boolean;
  reconcileIntervalMinutes: number | null;
}

/**
 * Puts the sync's schedule in step with the sync: present, at its interval (or the
 * deployment's), while the sync is live and not paused; absent otherwise.
 */
export async function followSyncSchedule(
  client: Client,
  ref: SyncRef,
  sync: SyncScheduleSettings,
  options: { defaultIntervalMinutes: number; taskQueue?: string },
): Promise<{ scheduled: boolean; intervalMinutes: number }> {
  const intervalMinutes = sync.reconcileIntervalMinutes ?? options.defaultIntervalMinutes;
  if (!sync.live || sync.reconcilePaused) {
    await removeReconcileSchedule(client, ref);
    return { scheduled: false, intervalMinutes };
  }
  await upsertReconcileSchedule(client, ref, {
    intervalMinutes,
    ...(options.taskQueue ? { taskQueue: options.taskQueue } : {}),
  });
  return { scheduled: true, intervalMinutes };
}

/** Removes the sync's schedule (a run in progress finishes); false when there was none. */
export async function removeReconcileSchedule(client: Client, ref: SyncRef): Promise<boolean> {
  try {
    await client.schedule.getHandle(syncReconcileScheduleId(ref)).delete();
    return true;
  } catch (error) {
    if (error instanceof ScheduleNotFoundError) return false;
    throw error;
  }
}

/** Starts a run of the sync's schedule now (skipped if one is running). */
export async function triggerReconcile(client: Client, ref: SyncRef): Promise<void> {
  await client.schedule.getHandle(syncReconcileScheduleId(ref)).trigger("SKIP");
}

/** The sync's schedule as Temporal holds it: its interval and next runs; null when none. */
export async function describeReconcileSchedule(
  client: Client,
  ref: SyncRef,
): Promise<{ intervalSeconds: number | null; nextRunAt: Date | null } | null> {
  try {
    const description = await client.schedule.getHandle(syncReconcileScheduleId(ref)).describe();
    const every = description.spec.intervals?.[0]?.every;
    return {
      intervalSeconds: typeof every === "number" ? Math.round(every / 1000) : null,
      nextRunAt: description.info.nextActionTimes[0] ?? null,
    };
  } catch (error) {
    if (error instanceof ScheduleNotFoundError) return null;
    throw error;
  }
}

export type { ReconcileReport } from "./reconcile-shapes";
