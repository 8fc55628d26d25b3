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

export interface NudgerOptions {
  /**
   * The least time between the starts of two signals to one sync. Every signal is a workflow
   * task (history events, a workflow activation and the server's work for each), and the
   * executor drains whatever is queued when it runs, so one signal per interval serves a
   * burst as well as hundreds would; the cost is at most this much added latency.
   */
  minIntervalMs?: number;
  /** Waits `ms` (tests pass a controllable clock). */
  wait?: (ms: number) => Promise<void>;
  now?: () => number;
}

/** The spacing the web app and the activities use between two signals to one executor. */
export const DEFAULT_NUDGE_INTERVAL_MS = 50;

/**
 * Coalesces nudges per sync: while one signal to a sync is in flight (or was sent less than
 * `minIntervalMs` ago), further nudges wait for one more signal after it, so a burst of a
 * thousand webhooks costs a handful of signals, and no change is left behind (the trailing
 * signal covers everything queued meanwhile).
 */
export function createExecutorNudger(
  signal: (ref: SyncRef) => Promise<void>,
  options: NudgerOptions = {},
): ExecutorNudger {
  const minIntervalMs = options.minIntervalMs ?? 0;
  const now = options.now ?? Date.now;
  const wait =
    options.wait ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  interface State {
    inFlight: Promise<void>;
    startedAt: number;
    trailing: Promise<void> | null;
  }
  const states = new Map<string, State>();
  const send = (key: string, ref: SyncRef): Promise<void> => {
    const inFlight = signal(ref);
    const state: State = { inFlight, startedAt: now(), trailing: null };
    states.set(key, state);
    const settled = inFlight.catch(() => undefined);
    // The key stays held for the interval after the signal started, so nudges in it trail.
    void settled
      .then(() => {
        const left = state.startedAt + minIntervalMs - now();
        return left > 0 ? wait(left) : undefined;
      })
      .then(() => {
        if (states.get(key) === state && state.trailing === null) states.delete(key);
      });
    return inFlight;
  };
  const nudgeOne = (ref: SyncRef): Promise<void> => {
    const key = `${ref.workspaceId}/${ref.syncId}`;
    const state = states.get(key);
    if (!state) return send(key, ref);
    if (state.trailing) return state.trailing;
    const trailing = state.inFlight
      .catch(() => undefined)
      .then(() => {
        const left = state.startedAt + minIntervalMs - now();
        return left > 0 ? wait(left) : undefined;
      })
      .then(() => send(key, ref));
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
export function temporalNudger(
  client: Client,
  taskQueue = TASK_QUEUE,
  options: NudgerOptions = { minIntervalMs: DEFAULT_NUDGE_INTERVAL_MS },
): ExecutorNudger {
  return createExecutorNudger((ref) => signalSyncExecutor(client, ref, taskQueue), options);
}
