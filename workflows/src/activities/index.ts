import type { Client } from "@temporalio/client";
import { findWaitingSyncs } from "@tandem/db";
import { temporalNudger } from "../dispatch";
import { TASK_QUEUE } from "../shared";
import { createBackfillPageActivity } from "./backfill-page";
import { createBackfillSnapshotActivities } from "./backfill-snapshot";
import { createDrainSyncQueue, type DrainOptions } from "./drain-sync-queue";
import { createSyncContextLoader, type SyncContextDeps } from "./sync-context";

export interface SyncActivityDeps extends SyncContextDeps, DrainOptions {
  /** Used by the relay to signal executors of changes nobody signalled. */
  temporal: Client;
  taskQueue?: string;
  /** How long a queued change may wait unsignalled before the relay nudges its executor. */
  relayGraceMs?: number;
}

/**
 * The activities of the sync engine. Dependencies come in from the worker, so tests run them
 * against a real database, real (simulated) vendors and a real Temporal server.
 */
export function createSyncActivities(deps: SyncActivityDeps) {
  const loadContext = createSyncContextLoader(deps);
  const drainSyncQueue = createDrainSyncQueue(deps.db, loadContext, deps);
  const nudger = temporalNudger(deps.temporal, deps.taskQueue ?? TASK_QUEUE);
  return {
    drainSyncQueue,
    ...createBackfillSnapshotActivities(deps.db, loadContext),
    processBackfillPage: createBackfillPageActivity(deps.db, loadContext, {
      concurrency: deps.concurrency,
    }),
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
