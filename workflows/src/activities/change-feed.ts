import { Context } from "@temporalio/activity";
import { WorkflowExecutionAlreadyStartedError, type Client } from "@temporalio/client";
import {
  ConnectionOpenError,
  isChangeFeedConnector,
  openConnector,
  type ChangeFeedConnector,
} from "@tandem/connectors";
import {
  changeFeedCursorsOf,
  openConnection,
  readChangeFeedCursor,
  sealDelivery,
  storeChangeFeedBatch,
  type Db,
  type QueueTarget,
} from "@tandem/db";
import { changeFeedWorkflowId } from "@tandem/sync-core";
import type { ExecutorNudger } from "../dispatch";
import {
  CHANGE_FEED_WORKFLOW,
  type ChangeFeedInput,
  type ChangeFeedPumpResult,
  type ChangeFeedRef,
} from "../shared";
import type { SyncContextDeps } from "./sync-context";

/** Changes stored per transaction at most. */
const BATCH = 200;
/** A read without a notification this often, in case one was missed. */
const POLL_MS = 1_000;
/** How soon to read again when changes wait behind a still-open older transaction. */
const PENDING_RECHECK_MS = 100;
/** Well inside the workflow's heartbeat timeout. */
const HEARTBEAT_MS = 2_000;
const DEFAULT_RUN_MS = 60_000;

export interface ChangeFeedDeps extends SyncContextDeps {
  temporal: Client;
  taskQueue: string;
  nudger: ExecutorNudger;
  /** Passed to the feeds this worker starts (tests shorten them). */
  changeFeed?: Pick<ChangeFeedInput, "runMs" | "pruneEveryMs">;
}

/** The syncs with a published mapping that a connection feeds, and its side in each. */
async function liveTargets(db: Db, ref: ChangeFeedRef): Promise<QueueTarget[]> {
  const syncs = await db.sync.findMany({
    where: {
      workspaceId: ref.workspaceId,
      OR: [{ connectionAId: ref.connectionId }, { connectionBId: ref.connectionId }],
      mapping: { publishedHash: { not: null } },
    },
    select: { id: true, connectionAId: true },
  });
  return syncs.map((sync) => ({
    syncId: sync.id,
    side: sync.connectionAId === ref.connectionId ? "a" : "b",
  }));
}

function cancelled(): Promise<void> {
  const signal = Context.current().cancellationSignal;
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener("abort", () => resolve(), { once: true });
  });
}

/**
 * The change feed's activities. `pumpChangeFeed` is the reader: it stores settled changes in
 * the inbox in the order the feed gives them (transaction id, then sequence: see
 * `change-capture.ts`), each batch with the cursor move in one transaction, and nudges the
 * executors, exactly as webhook ingress does. It runs for `runMs`, woken by the source's
 * notifications, and returns so the workflow can prune and notice a removed connection.
 */
export function createChangeFeedActivities(deps: ChangeFeedDeps) {
  async function openFeed(ref: ChangeFeedRef): Promise<ChangeFeedConnector | null> {
    let opened;
    try {
      opened = await openConnector((id) => openConnection(deps.db, deps.secretKey, id), ref, {
        allowPrivateNetwork: deps.allowPrivateNetwork,
      });
    } catch (error) {
      if (error instanceof ConnectionOpenError && error.reason === "missing") return null;
      throw error;
    }
    if (!isChangeFeedConnector(opened.connector)) return null;
    return opened.connector;
  }

  async function pumpChangeFeed(
    input: ChangeFeedRef & { runMs?: number },
  ): Promise<ChangeFeedPumpResult> {
    const targets = await liveTargets(deps.db, input);
    if (targets.length === 0) return { live: false, stored: 0 };
    const connector = await openFeed(input);
    if (!connector) return { live: false, stored: 0 };
    const context = Context.current();
    const alive = setInterval(() => context.heartbeat(), HEARTBEAT_MS);
    const stop = cancelled();
    let stored = 0;
    try {
      await connector.ensureChangeCapture();
      // The row exists before the first change is stored, so pruning waits for this reader.
      await deps.db.changeFeedCursor.upsert({
        where: { connectionId: input.connectionId },
        create: {
          workspaceId: input.workspaceId,
          connectionId: input.connectionId,
          source: connector.changeSource,
          cursor: null,
        },
        update: { source: connector.changeSource },
      });
      let wanted = true;
      let wake: () => void = () => undefined;
      let lost: Error | undefined;
      const listener = await connector.listenForChanges(
        () => {
          wanted = true;
          wake();
        },
        (error) => {
          lost = error instanceof Error ? error : new Error(String(error));
          wake();
        },
      );
      try {
        const deadline = Date.now() + (input.runMs ?? DEFAULT_RUN_MS);
        while (!context.cancellationSignal.aborted && Date.now() < deadline) {
          if (lost !== undefined) throw lost;
          let waitMs = POLL_MS;
          if (wanted) {
            wanted = false;
            const from = await readChangeFeedCursor(deps.db, input.workspaceId, input.connectionId);
            const batch = await connector.readChangesSince(from, BATCH);
            if (batch.events.length > 0) {
              const outcome = await storeChangeFeedBatch(deps.db, {
                workspaceId: input.workspaceId,
                connectionId: input.connectionId,
                source: connector.changeSource,
                from,
                to: batch.cursor,
                targets,
                changes: batch.events.map((event) => ({
                  workspaceId: input.workspaceId,
                  connectionId: input.connectionId,
                  deliveryId: event.deliveryId,
                  entity: event.entity,
                  action: event.action,
                  externalId: event.externalId,
                  changedAt: new Date(event.changedAt),
                  // The change as read from the feed, kept sealed like a webhook's body.
                  sealRaw: (inboxId: string) =>
                    sealDelivery(
                      deps.secretKey,
                      { headers: {}, body: JSON.stringify(event) },
                      { workspaceId: input.workspaceId, connectionId: input.connectionId, inboxId },
                    ),
                })),
              });
              stored += outcome.stored;
              if (outcome.stored > 0) await nudge(input, targets);
              wanted = true;
              continue;
            }
            if (batch.pending) waitMs = PENDING_RECHECK_MS;
          }
          // A notification that came during the read is served at once.
          if (wanted) continue;
          await Promise.race([
            stop,
            new Promise<void>((resolve) => {
              const timer = setTimeout(
                () => {
                  wanted = true;
                  resolve();
                },
                Math.min(waitMs, Math.max(deadline - Date.now(), 0)),
              );
              wake = () => {
                clearTimeout(timer);
                resolve();
              };
            }),
          ]);
          wake = () => undefined;
        }
      } finally {
        await listener.close();
      }
    } finally {
      clearInterval(alive);
      await connector.close();
    }
    return { live: true, stored };
  }

  /** Temporal unreachable is not the feed's failure: the relay nudges waiting changes later. */
  async function nudge(ref: ChangeFeedRef, targets: readonly QueueTarget[]): Promise<void> {
    try {
      await deps.nudger.nudge(
        targets.map((target) => ({ workspaceId: ref.workspaceId, syncId: target.syncId })),
      );
    } catch (error) {
      Context.current().log.warn("change feed: executors not nudged; the relay will", {
        connectionId: ref.connectionId,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }

  /**
   * Deletes the source's changes that every reader has stored: those up to the lowest cursor
   * any connection reading the same changes table holds (a connection whose feed never stored
   * a change holds null, and nothing is deleted).
   */
  async function pruneChangeFeed(ref: ChangeFeedRef): Promise<number> {
    const connector = await openFeed(ref);
    if (!connector) return 0;
    try {
      const cursors = await changeFeedCursorsOf(deps.db, connector.changeSource);
      if (cursors.length === 0) return 0;
      return await connector.pruneChangesThrough(connector.lowestChangeCursor(cursors));
    } finally {
      await connector.close();
    }
  }

  /**
   * Starts the feed of every change-feed connection a live sync uses, unless it runs. A feed
   * stops by itself once no live sync uses its connection.
   */
  async function ensureChangeFeeds(): Promise<number> {
    const connections = await deps.db.connection.findMany({
      // The relay serves every workspace on purpose, so it names the scope it spans.
      where: {
        workspaceId: { not: "" },
        kind: "postgres-table",
        OR: [
          { syncsAsA: { some: { mapping: { publishedHash: { not: null } } } } },
          { syncsAsB: { some: { mapping: { publishedHash: { not: null } } } } },
        ],
      },
      select: { id: true, workspaceId: true },
    });
    let started = 0;
    for (const connection of connections) {
      const ref = { workspaceId: connection.workspaceId, connectionId: connection.id };
      try {
        await deps.temporal.workflow.start(CHANGE_FEED_WORKFLOW, {
          workflowId: changeFeedWorkflowId(ref),
          taskQueue: deps.taskQueue,
          args: [{ ...ref, ...deps.changeFeed } satisfies ChangeFeedInput],
        });
        started += 1;
      } catch (error) {
        if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
      }
    }
    return started;
  }

  return { pumpChangeFeed, pruneChangeFeed, ensureChangeFeeds };
}
