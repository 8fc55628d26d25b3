import {
  ActivityFailure,
  ApplicationFailure,
  condition,
  continueAsNew,
  defineSignal,
  proxyActivities,
  setHandler,
  allHandlersFinished,
  workflowInfo,
} from "@temporalio/workflow";
import type { createSyncActivities } from "../activities/sync-activities";
import type { RecordChange, RecordSyncInput, SyncStepResult } from "../shared";

type SyncActivities = ReturnType<typeof createSyncActivities>;

const { syncRecordChange } = proxyActivities<SyncActivities>({
  startToCloseTimeout: "1 minute",
  retry: {
    initialInterval: "1 second",
    backoffCoefficient: 2,
    maximumInterval: "1 minute",
    maximumAttempts: 12,
  },
});
// Recording a failure only touches our own database: retry it until it lands (no attempt cap).
const { recordSyncFailure } = proxyActivities<SyncActivities>({
  startToCloseTimeout: "30 seconds",
  retry: { initialInterval: "1 second", maximumInterval: "1 minute" },
});

export const recordChangeSignal = defineSignal<[RecordChange]>("recordChange");

/** How many changes one run applies before it continues as new, keeping history small. */
const CHANGES_PER_RUN = 200;
/** Delivery ids remembered across signals, to drop a redelivery that slipped past the inbox. */
const REMEMBERED_DELIVERIES = 500;

/**
 * One record's sync: applies its change events one at a time, in arrival order, so two changes
 * to one employee never race. Completes after a quiet period; the next event starts it again.
 */
export async function recordSyncWorkflow(input: RecordSyncInput): Promise<{ applied: number }> {
  const pending: RecordChange[] = [];
  const seen: string[] = [];
  const enqueue = (change: RecordChange) => {
    if (seen.includes(change.deliveryId) || pending.some((p) => p.deliveryId === change.deliveryId))
      return;
    pending.push(change);
  };
  input.pending.forEach(enqueue);
  setHandler(recordChangeSignal, enqueue);

  let applied = 0;
  for (;;) {
    const hasWork = await condition(() => pending.length > 0, input.idleTimeout ?? "5 minutes");
    if (!hasWork) {
      await condition(allHandlersFinished);
      if (pending.length === 0) return { applied };
      continue;
    }
    const change = pending.shift();
    if (!change) continue;
    await applyChange(change);
    seen.push(change.deliveryId);
    if (seen.length > REMEMBERED_DELIVERIES) seen.shift();
    applied += 1;
    if (applied >= CHANGES_PER_RUN || workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof recordSyncWorkflow>({ ...input, pending: [...pending] });
    }
  }
}

async function applyChange(change: RecordChange): Promise<SyncStepResult> {
  try {
    return await syncRecordChange(change);
  } catch (error) {
    // A change that cannot be applied is recorded and parked, never dropped; the record's
    // workflow goes on with the next change.
    if (error instanceof ActivityFailure) {
      const cause = error.cause;
      const reason =
        cause instanceof ApplicationFailure || cause instanceof Error
          ? cause.message
          : error.message;
      await recordSyncFailure(change, reason);
      return { outcome: "failed", linkId: null, wrote: { A: [], B: [] }, reason };
    }
    throw error;
  }
}
