// What other processes (the web app's webhook ingress, the relay) use to tell a sync's
// executor that its queue grew. It imports the workflow only as a type, so it bundles nowhere
// it shouldn't.
import type { Client } from "@temporalio/client";
import { syncExecutorWorkflowId } from "@tandem/sync-core";
import type { syncExecutorWorkflow } from "./workflows/sync-executor";
import {
  SYNC_EXECUTOR_WORKFLOW,
  SYNC_QUEUE_CHANGED_SIGNAL,
  TASK_QUEUE,
  type SyncRef,
} from "./shared";

export { TASK_QUEUE, type SyncRef } from "./shared";

/** Signals the sync's executor, starting it when it is not running. */
export async function signalSyncExecutor(
  client: Client,
  ref: SyncRef,
  taskQueue = TASK_QUEUE,
): Promise<void> {
  await client.workflow.signalWithStart<typeof syncExecutorWorkflow, []>(SYNC_EXECUTOR_WORKFLOW, {
    workflowId: syncExecutorWorkflowId(ref),
    taskQueue,
    args: [{ workspaceId: ref.workspaceId, syncId: ref.syncId }],
    signal: SYNC_QUEUE_CHANGED_SIGNAL,
    signalArgs: [],
  });
}

export interface ExecutorNudger {
  /**
   * Tells the executors of these syncs that their queues grew. Resolves once each is signalled;
   * rejects when Temporal cannot be reached (the changes stay queued and the relay nudges later).
   */
  nudge(refs: readonly SyncRef[]): Promise<void>;
}

/**
 * Coalesces nudges per sync: while one signal to a sync is in flight, further nudges wait for
 * one more signal after it, so a burst of a thousand webhooks costs a handful of signals, and
 * no change is left behind (the trailing signal covers everything queued meanwhile).
 */
export function createExecutorNudger(signal: (ref: SyncRef) => Promise<void>): ExecutorNudger {
  interface State {
    inFlight: Promise<void>;
    trailing: Promise<void> | null;
  }
  const states = new Map<string, State>();
  const nudgeOne = (ref: SyncRef): Promise<void> => {
    const key = `${ref.workspaceId}/${ref.syncId}`;
    const state = states.get(key);
    if (!state) {
      const inFlight = signal(ref).finally(() => {
        const current = states.get(key);
        if (current?.inFlight === inFlight && current.trailing === null) states.delete(key);
      });
      states.set(key, { inFlight, trailing: null });
      return inFlight;
    }
    if (state.trailing) return state.trailing;
    const trailing = state.inFlight
      .catch(() => undefined)
      .then(() => {
        const next = signal(ref);
        states.set(key, { inFlight: next, trailing: null });
        return next.finally(() => {
          if (states.get(key)?.inFlight === next) states.delete(key);
        });
      });
    state.trailing = trailing;
    return trailing;
  };
  return {
    nudge: async (refs) => {
      await Promise.all(refs.map(nudgeOne));
    },
  };
}

/** A nudger that signals through a Temporal client. */
export function temporalNudger(client: Client, taskQueue = TASK_QUEUE): ExecutorNudger {
  return createExecutorNudger((ref) => signalSyncExecutor(client, ref, taskQueue));
}
