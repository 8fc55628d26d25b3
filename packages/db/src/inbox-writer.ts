import { randomUUID } from "node:crypto";
import type { Db } from "./client";
import { sqlTransaction, valuesList, type SqlTx } from "./direct-sql";
import { MAX_DERIVED_DELIVERY_COPIES, type IncomingChange, type QueueTarget } from "./inbox";

export type StoreOutcome = { duplicate: true } | { duplicate: false; id: string };

export interface InboxWriter {
  /**
   * Stores a verified delivery in the inbox and, in the same transaction, queues it for every
   * sync the connection feeds (`targets`), so a stored change is never left without its queue
   * rows. Resolves once they are committed; a delivery id this connection stored before is a
   * duplicate and writes nothing. Deliveries that arrive while a commit is in flight share the
   * next one.
   */
  store(
    change: IncomingChange,
    options?: { derivedDeliveryId?: boolean; targets?: readonly QueueTarget[] },
  ): Promise<StoreOutcome>;
}

interface Waiting {
  change: IncomingChange;
  targets: readonly QueueTarget[];
  derived: boolean;
  resolve: (outcome: StoreOutcome) => void;
  reject: (error: unknown) => void;
}

/** Deliveries per commit at most (each adds about ten bound values per row). */
const MAX_BATCH = 200;

/**
 * Group commit for webhook ingress: one transaction stores every delivery that arrived while
 * the previous one was committing. A burst of webhooks then costs a few transactions instead of
 * one each, and each delivery is still answered only after its rows are durable. A redelivery
 * (a delivery id this connection already stored) is skipped by the unique index, not an error,
 * so one duplicate does not fail its batch.
 *
 * With a derived delivery id (vendors that send none, so it is a hash of the signed bytes and
 * their timestamp), identical bytes may be a second real change made within the vendor's
 * timestamp resolution, so a repeat is stored as `<id>#<n>` and processed, up to
 * MAX_DERIVED_DELIVERY_COPIES copies. That is safe because a sync step reads both systems'
 * current state: a true redelivery ends as "suppressed".
 */
export function createInboxWriter(db: Db): InboxWriter {
  let waiting: Waiting[] = [];
  let committing = false;

  const commitWaiting = async (): Promise<void> => {
    committing = true;
    while (waiting.length > 0) {
      const batch = waiting.slice(0, MAX_BATCH);
      waiting = waiting.slice(batch.length);
      try {
        const outcomes = await commitBatch(db, batch);
        batch.forEach((entry, index) => entry.resolve(outcomes[index] ?? { duplicate: true }));
      } catch (error) {
        for (const entry of batch) entry.reject(error);
      }
    }
    committing = false;
  };

  return {
    store(change, options = {}) {
      return new Promise<StoreOutcome>((resolve, reject) => {
        waiting.push({
          change,
          targets: options.targets ?? [],
          derived: options.derivedDeliveryId ?? false,
          resolve,
          reject,
        });
        if (!committing) setImmediate(() => void commitWaiting());
        committing = true;
      });
    },
  };
}

function statusOf(change: IncomingChange, targets: readonly QueueTarget[]): string {
  if (change.failure !== undefined) return "failed";
  return targets.length > 0 ? "queued" : "processed";
}

function commitBatch(db: Db, batch: readonly Waiting[]): Promise<StoreOutcome[]> {
  return sqlTransaction(db, (tx) => insertInboxRows(tx, batch));
}

/** A change to store, with the syncs it is queued for. */
export interface InboxEntry {
  change: IncomingChange;
  targets: readonly QueueTarget[];
  /** The delivery id is derived from the bytes: a repeat may be a second real change. */
  derived: boolean;
}

/**
 * Inserts inbox rows and their queue rows inside the caller's transaction (the group commit's,
 * or a change feed's, which advances its cursor in the same one). Outcomes are in `entries`'
 * order; a delivery id the connection stored before is a duplicate and writes nothing.
 */
export async function insertInboxRows(
  tx: SqlTx,
  entries: readonly InboxEntry[],
): Promise<StoreOutcome[]> {
  const now = new Date();
  const outcomes: StoreOutcome[] = entries.map(() => ({ duplicate: true }));
  let round = entries.map((entry, index) => ({ ...entry, index }));
  for (let repeat = 0; round.length > 0 && repeat < MAX_DERIVED_DELIVERY_COPIES; repeat += 1) {
    const rows = round.map((entry) => ({
      ...entry,
      id: randomUUID(),
      deliveryId: repeat === 0 ? entry.change.deliveryId : `${entry.change.deliveryId}#${repeat}`,
    }));
    const stored = await tx.query<{ id: string }>(
      `INSERT INTO "WebhookEvent"
        ("id", "workspaceId", "connectionId", "deliveryId", "entity", "action", "externalId",
         "changedAt", "receivedAt", "status", "error", "rawSealed")
      VALUES ${valuesList(rows.length, 12)}
      ON CONFLICT ("connectionId", "deliveryId") DO NOTHING
      RETURNING "id"`,
      rows.flatMap(({ id, change, deliveryId, targets }) => [
        id,
        change.workspaceId,
        change.connectionId,
        deliveryId,
        change.entity,
        change.action,
        change.externalId,
        change.changedAt,
        now,
        statusOf(change, targets),
        change.failure?.slice(0, 2000) ?? null,
        change.sealRaw?.(id) ?? null,
      ]),
    );
    const storedIds = new Set(stored.map((row) => row.id));
    const queued = rows
      .filter((row) => storedIds.has(row.id) && row.change.failure === undefined)
      .flatMap(({ id, change, deliveryId, targets }) =>
        targets.map((target) => [
          randomUUID(),
          change.workspaceId,
          target.syncId,
          "change",
          target.side,
          change.entity,
          change.externalId,
          id,
          deliveryId,
          change.changedAt,
          now,
          "pending",
          0,
          now,
        ]),
      );
    if (queued.length > 0)
      await tx.execute(
        `INSERT INTO "SyncEvent"
          ("id", "workspaceId", "syncId", "kind", "side", "entity", "externalId",
           "webhookEventId", "deliveryId", "changedAt", "createdAt", "status", "attempts",
           "notBefore")
        VALUES ${valuesList(queued.length, 14)}`,
        queued.flat(),
      );
    for (const row of rows)
      if (storedIds.has(row.id)) outcomes[row.index] = { duplicate: false, id: row.id };
    // Identical bytes of a vendor without delivery ids may be a second real change.
    round = rows.filter((row) => !storedIds.has(row.id) && row.derived);
  }
  return outcomes;
}
