// What the web app uses to start, follow and cancel a sync's backfill or dry run. Imports the
// workflow only as a type, like dispatch.ts.
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  type Client,
} from "@temporalio/client";
import { syncBackfillWorkflowId } from "@tandem/sync-core";
import {
  BACKFILL_PROGRESS_QUERY,
  BACKFILL_WORKFLOW,
  type BackfillMode,
  type BackfillOptions,
  type BackfillProgress,
} from "./backfill-shapes";
import { TASK_QUEUE, type SyncRef } from "./shared";
import type { backfillWorkflow } from "./workflows/backfill";

export interface BackfillStart {
  workflowId: string;
  runId: string;
  /** False when one was already running: its run is returned, nothing new is started. */
  started: boolean;
}

/** Starts the sync's backfill (or dry run); one runs at a time per sync and mode. */
export async function startBackfill(
  client: Client,
  ref: SyncRef,
  mode: BackfillMode,
  options: BackfillOptions & { taskQueue?: string } = {},
): Promise<BackfillStart> {
  const { taskQueue, ...tuning } = options;
  const workflowId = syncBackfillWorkflowId(ref, mode);
  try {
    const handle = await client.workflow.start<typeof backfillWorkflow>(BACKFILL_WORKFLOW, {
      workflowId,
      taskQueue: taskQueue ?? TASK_QUEUE,
      args: [{ workspaceId: ref.workspaceId, syncId: ref.syncId, mode, ...tuning }],
    });
    return { workflowId, runId: handle.firstExecutionRunId, started: true };
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    const description = await client.workflow.getHandle(workflowId).describe();
    return { workflowId, runId: description.runId, started: false };
  }
}

/** The latest backfill (or dry run) of the sync and its progress; null when there was none. */
export async function backfillProgress(
  client: Client,
  ref: SyncRef,
  mode: BackfillMode,
): Promise<{ workflowId: string; status: string; progress: BackfillProgress | null } | null> {
  const workflowId = syncBackfillWorkflowId(ref, mode);
  const handle = client.workflow.getHandle<typeof backfillWorkflow>(workflowId);
  try {
    const description = await handle.describe();
    const status = description.status.name;
    // A run that failed before its first task has no state to query.
    const progress = await handle
      .query<BackfillProgress>(BACKFILL_PROGRESS_QUERY)
      .catch((error: unknown) => {
        if (status === "RUNNING") throw error;
        return null;
      });
    return { workflowId, status, progress };
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return null;
    throw error;
  }
}

/** Asks the sync's running backfill (or dry run) to stop after the pages in flight. */
export async function cancelBackfill(
  client: Client,
  ref: SyncRef,
  mode: BackfillMode,
): Promise<boolean> {
  try {
    await client.workflow.getHandle(syncBackfillWorkflowId(ref, mode)).cancel();
    return true;
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return false;
    throw error;
  }
}

export type { BackfillMode, BackfillOptions, BackfillProgress } from "./backfill-shapes";
