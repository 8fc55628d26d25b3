import { ActivityFailure, proxyActivities } from "@temporalio/workflow";
import type { Side } from "@tandem/sync-core";
import type { SyncActivities } from "../activities";
import type { ReconcileInput, ReconcileReport, ReconcileSideOutcome } from "../reconcile-shapes";

const SIDES: readonly Side[] = ["a", "b"];

const { beginReconcileRun, finishReconcileRun } = proxyActivities<SyncActivities>({
  startToCloseTimeout: "1 minute",
  retry: { initialInterval: "1 second", backoffCoefficient: 2, maximumInterval: "30 seconds" },
});

/**
 * One reconciliation run of a sync, started by the sync's Temporal Schedule: each side is read
 * in full (the vendor's change listing since that side's cursor, or every record), compared with
 * the links' shadows, and what differs is queued for the sync's executor, which repairs it
 * through the normal plan-driven step. A side whose listing keeps failing (a vendor error, a
 * malformed page) is reported and queues nothing; its cursor stays, so the next run lists the
 * window again.
 */
export async function reconcileWorkflow(input: ReconcileInput): Promise<ReconcileReport> {
  const ref = { workspaceId: input.workspaceId, syncId: input.syncId };
  const { listReconcileSide } = proxyActivities<SyncActivities>({
    // A listing of every record can take a while; heartbeats say the worker is still on it.
    startToCloseTimeout: "15 minutes",
    heartbeatTimeout: "30 seconds",
    retry: {
      initialInterval: input.retry?.initialIntervalMs ?? 5_000,
      backoffCoefficient: 2,
      maximumInterval: "2 minutes",
      maximumAttempts: input.retry?.maximumAttempts ?? 5,
    },
  });
  const begun = await beginReconcileRun({
    ref,
    ...(input.overlapMs === undefined ? {} : { overlapMs: input.overlapMs }),
  });
  const outcomes = await Promise.all(
    SIDES.map(async (side): Promise<ReconcileSideOutcome> => {
      try {
        const listing = await listReconcileSide({
          ref,
          reconcileRunId: begun.reconcileRunId,
          side,
          since: begun.since[side],
        });
        return { ok: true, ...listing };
      } catch (error) {
        // Out of retries: the report holds the error; this side queues nothing.
        if (error instanceof ActivityFailure) return { ok: false };
        throw error;
      }
    }),
  );
  return finishReconcileRun({
    ref,
    reconcileRunId: begun.reconcileRunId,
    sides: { a: outcomes[0] ?? { ok: false }, b: outcomes[1] ?? { ok: false } },
  });
}
