// Names and shapes shared by the workflows, their activities and the clients that signal them.
// Kept free of runtime imports so the workflow bundle and the web app can both use it.

export const TASK_QUEUE = "tandem-sync";

/** One executor per sync: drains the sync's queue of changes in order. */
export const SYNC_EXECUTOR_WORKFLOW = "syncExecutorWorkflow";
/** Tells an executor that its queue has new changes (no payload: the queue is in the database). */
export const SYNC_QUEUE_CHANGED_SIGNAL = "syncQueueChanged";

/** The singleton that nudges executors of changes nobody signalled (Temporal was unreachable). */
export const INBOX_RELAY_WORKFLOW = "inboxRelayWorkflow";
export const INBOX_RELAY_WORKFLOW_ID = "tandem/inbox-relay";

export interface SyncRef {
  workspaceId: string;
  syncId: string;
}

export interface SyncExecutorInput extends SyncRef {
  /** How long the executor waits for new changes before it completes (ms). */
  idleMs?: number;
}

export interface DrainResult {
  /** The published plan the drain applied (recorded in history: the plan each change ran under). */
  planHash: string | null;
  /** Changes settled (applied, suppressed, parked, failed or ignored). */
  settled: number;
  /** More changes are due now: drain again at once. */
  more: boolean;
  /** When the next pending change is due (a retry's backoff), in ms from now; null when none. */
  nextDueInMs: number | null;
}

/** One per change-feed connection used by a live sync: stores its changes in the inbox. */
export const CHANGE_FEED_WORKFLOW = "changeFeedWorkflow";

export interface ChangeFeedRef {
  workspaceId: string;
  connectionId: string;
}

export interface ChangeFeedInput extends ChangeFeedRef {
  /** How long one reading activity runs before the workflow checks in (ms). */
  runMs?: number;
  /** How often consumed changes are pruned from the source (ms). */
  pruneEveryMs?: number;
}

export interface ChangeFeedPumpResult {
  /** False when no live sync uses the connection any more: the feed stops. */
  live: boolean;
  /** Changes stored in the inbox by this activity. */
  stored: number;
}
