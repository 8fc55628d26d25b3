import type { Client } from "@temporalio/client";
import { findWaitingSyncs, pruneInbox } from "@tandem/db";
import { temporalNudger } from "../dispatch";
import { TASK_QUEUE, type SyncRef } from "../shared";
import { createBackfillPageActivity } from "./backfill-page";
import { createChangeFeedActivities, type ChangeFeedDeps } from "./change-feed";
import { createBackfillSnapshotActivities } from "./backfill-snapshot";
import { createReconcileActivities } from "./reconcile";
import { createDrainSyncQueue, type DrainOptions } from "./drain-sync-queue";
import { createSyncContextLoader, type SyncContextDeps } from "./sync-context";
import { withValueFreeFailures } from "./value-free-failures";

export interface SyncActivityDeps extends SyncContextDeps, DrainOptions {
  /** Used by the relay to signal executors of changes nobody signalled. */
  temporal: Client;
  taskQueue?: string;
  /** How long a queued change may wait unsignalled before the relay nudges its executor. */
  relayGraceMs?: number;
  /** Days a settled inbox row (and its sealed delivery) is kept; 30 by default. */
  inboxRetentionDays?: number;
  /** Timing of the change feeds this worker starts (tests shorten it). */
  changeFeed?: ChangeFeedDeps["changeFeed"];
}

const DAY_MS = 86_400_000;

/**
 * The activities of the sync engine. Dependencies come in from the worker, so tests run them
 * against a real database, real (simulated) vendors and a real Temporal server.
 */
export function createSyncActivities(deps: SyncActivityDeps) {
  const loadContext = createSyncContextLoader(deps);
  const drainSyncQueue = withValueFreeFailures(
    "drainSyncQueue",
    createDrainSyncQueue(deps.db, loadContext, deps),
  );
  const snapshot = createBackfillSnapshotActivities(deps.db, loadContext);
  // Backfill inputs name their sync in `ref`; the wrapper names it in the failure.
  const valueFree = <I extends { ref: SyncRef }, R>(
    name: string,
    run: (input: I) => Promise<R>,
  ) => {
    const wrapped = withValueFreeFailures<I & { syncId?: string }, R>(name, run);
    return (input: I) => wrapped({ ...input, syncId: input.ref.syncId });
  };
  const backfill = {
    listBackfillPage: valueFree(
      "listBackfillPage",
      (input: Parameters<typeof snapshot.listBackfillPage>[0]) => snapshot.listBackfillPage(input),
    ),
    pairBackfillRecords: valueFree(
      "pairBackfillRecords",
      (input: Parameters<typeof snapshot.pairBackfillRecords>[0]) =>
        snapshot.pairBackfillRecords(input),
    ),
    clearBackfill: valueFree(
      "clearBackfill",
      (input: Parameters<typeof snapshot.clearBackfill>[0]) => snapshot.clearBackfill(input),
    ),
    processBackfillPage: valueFree(
      "processBackfillPage",
      createBackfillPageActivity(deps.db, loadContext, { concurrency: deps.concurrency }),
    ),
  };
  const nudger = temporalNudger(deps.temporal, deps.taskQueue ?? TASK_QUEUE);
  const feed = createChangeFeedActivities({
    ...deps,
    taskQueue: deps.taskQueue ?? TASK_QUEUE,
    nudger,
  });
  // A driver's message can quote a row; the failure Temporal keeps names the connection only.
  const changeFeed = {
    pumpChangeFeed: withValueFreeFailures("pumpChangeFeed", feed.pumpChangeFeed),
    pruneChangeFeed: withValueFreeFailures("pruneChangeFeed", feed.pruneChangeFeed),
    ensureChangeFeeds: feed.ensureChangeFeeds,
  };
  const reconcile = createReconcileActivities(deps.db, loadContext, nudger);
  return {
    drainSyncQueue,
    ...backfill,
    ...changeFeed,
    beginReconcileRun: valueFree(
      "beginReconcileRun",
      (input: Parameters<typeof reconcile.beginReconcileRun>[0]) =>
        reconcile.beginReconcileRun(input),
    ),
    listReconcileSide: valueFree(
      "listReconcileSide",
      (input: Parameters<typeof reconcile.listReconcileSide>[0]) =>
        reconcile.listReconcileSide(input),
    ),
    finishReconcileRun: valueFree(
      "finishReconcileRun",
      (input: Parameters<typeof reconcile.finishReconcileRun>[0]) =>
        reconcile.finishReconcileRun(input),
    ),
    /** Retention: deletes settled inbox rows older than the configured number of days. */
    async pruneInbox(): Promise<number> {
      return pruneInbox(deps.db, new Date(Date.now() - (deps.inboxRetentionDays ?? 30) * DAY_MS));
    },
    /** The relay's round: nudges executors of changes that waited past the grace period. */
    async nudgeWaitingSyncs(): Promise<number> {
      const waiting = await findWaitingSyncs(
        deps.db,
        new Date(Date.now() - (deps.relayGraceMs ?? 10_000)),
      );
      await nudger.nudge(waiting);
      return waiting.length;
    },
  };
}

export type SyncActivities = ReturnType<typeof createSyncActivities>;
