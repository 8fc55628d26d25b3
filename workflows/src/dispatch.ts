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
  /**
   * While nudges keep arriving (each hold ends with a trailing signal), the interval doubles up
   * to this; a hold that passes with no nudge brings it back to `minIntervalMs`. A busy executor
   * drains again by itself whenever changes are due, so in a burst these signals only wake it
   * if it went idle; a lone change still gets its signal at once. Defaults to `minIntervalMs`.
   */
  maxIntervalMs?: number;
  /** Waits `ms` (tests pass a controllable clock). */
  wait?: (ms: number) => Promise<void>;
  now?: () => number;
}

/** The spacing the web app and the activities use between two signals to one executor. */
export const DEFAULT_NUDGE_INTERVAL_MS = 50;
/** The longest spacing, reached after a few intervals of continuous nudges. */
export const MAX_NUDGE_INTERVAL_MS = 400;

/**
 * Coalesces nudges per sync: while one signal to a sync is in flight (or was sent less than
 * its interval ago), further nudges wait for one more signal after it, so a burst of a
 * thousand webhooks costs a handful of signals, and no change is left behind (the trailing
 * signal covers everything queued meanwhile).
 */
export function createExecutorNudger(
  signal: (ref: SyncRef) => Promise<void>,
  options: NudgerOptions = {},
): ExecutorNudger {
  const minIntervalMs = options.minIntervalMs ?? 0;
  const maxIntervalMs = Math.max(minIntervalMs, options.maxIntervalMs ?? minIntervalMs);
  const now = options.now ?? Date.now;
  const wait =
    options.wait ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  interface State {
    inFlight: Promise<void>;
    startedAt: number;
    intervalMs: number;
    trailing: Promise<void> | null;
  }
  const states = new Map<string, State>();
  const holdOver = (state: State): Promise<void> | undefined => {
    const left = state.startedAt + state.intervalMs - now();
    return left > 0 ? wait(left) : undefined;
  };
  const send = (key: string, ref: SyncRef, intervalMs: number): Promise<void> => {
    const inFlight = signal(ref);
    const state: State = { inFlight, startedAt: now(), intervalMs, trailing: null };
    states.set(key, state);
    const settled = inFlight.catch(() => undefined);
    // The key stays held for the interval after the signal started, so nudges in it trail.
    void settled
      .then(() => holdOver(state))
      .then(() => {
        if (states.get(key) === state && state.trailing === null) states.delete(key);
      });
    return inFlight;
  };
  const nudgeOne = (ref: SyncRef): Promise<void> => {
    const key = `${ref.workspaceId}/${ref.syncId}`;
    const state = states.get(key);
    if (!state) return send(key, ref, minIntervalMs);
    if (state.trailing) return state.trailing;
    const trailing = state.inFlight
      .catch(() => undefined)
      .then(() => holdOver(state))
      .then(() => send(key, ref, Math.min(maxIntervalMs, Math.max(1, state.intervalMs) * 2)));
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
  options: NudgerOptions = {
    minIntervalMs: DEFAULT_NUDGE_INTERVAL_MS,
    maxIntervalMs: MAX_NUDGE_INTERVAL_MS,
  },
): ExecutorNudger {
  return createExecutorNudger((ref) => signalSyncExecutor(client, ref, taskQueue), options);
}
