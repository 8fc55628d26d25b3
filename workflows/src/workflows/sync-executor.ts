import {
  allHandlersFinished,
  condition,
  continueAsNew,
  defineSignal,
  patched,
  proxyActivities,
  setHandler,
  workflowInfo,
} from "@temporalio/workflow";
import type { SyncActivities } from "../activities";
import { SYNC_QUEUE_CHANGED_SIGNAL, type SyncExecutorInput } from "../shared";

const { drainSyncQueue } = proxyActivities<SyncActivities>({
  // A drain takes at most one batch; vendors that stall are cut off by their own timeouts.
  startToCloseTimeout: "2 minutes",
  // A drain whose worker died (a crash, a restart mid-drain) is retried once its heartbeats
  // stop, not only after the two minutes.
  heartbeatTimeout: "20 seconds",
  retry: { initialInterval: "1 second", backoffCoefficient: 2, maximumInterval: "30 seconds" },
});

export const syncQueueChangedSignal = defineSignal(SYNC_QUEUE_CHANGED_SIGNAL);

/** Drains per run before continuing as new, keeping each run's history small. */
const DRAINS_PER_RUN = 500;
const DEFAULT_IDLE_MS = 5 * 60_000;
/** Histories from before it waited for a signal or 50 ms when changes were already due. */
const DRAIN_AGAIN_WHEN_DUE = "drain-again-when-due";

/**
 * The executor of one sync. Changes wait in the sync's queue (the database); a signal says the
 * queue grew. Each drain is one activity that settles a batch of changes: records in
 * arrival order, different records in parallel, and the published plan read once per drain, so
 * a new version is taken up between two changes, never inside one. The drain's result (recorded
 * in history) names the plan hash it ran under. Completes after an idle period; the next change
 * starts it again (signal-with-start).
 */
export async function syncExecutorWorkflow(input: SyncExecutorInput): Promise<{ drains: number }> {
  let nudged = true;
  setHandler(syncQueueChangedSignal, () => {
    nudged = true;
  });
  const idleMs = input.idleMs ?? DEFAULT_IDLE_MS;
  let drains = 0;
  let nextDueInMs: number | null = null;
  for (;;) {
    if (!nudged) {
      const wait = nextDueInMs === null ? idleMs : Math.min(Math.max(nextDueInMs, 50), idleMs);
      const woken = await condition(() => nudged, wait);
      if (!woken && nextDueInMs === null) {
        await condition(allHandlersFinished);
        if (!nudged) return { drains };
      }
    }
    nudged = false;
    const result = await drainSyncQueue({ workspaceId: input.workspaceId, syncId: input.syncId });
    drains += 1;
    nextDueInMs = result.nextDueInMs;
    // Changes that came in during the drain are due now: drained at once, not after a signal,
    // so the ingress may space its signals out while the executor is busy.
    if (result.more || (nextDueInMs === 0 && patched(DRAIN_AGAIN_WHEN_DUE))) nudged = true;
    if (drains >= DRAINS_PER_RUN || workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof syncExecutorWorkflow>(input);
    }
  }
}
