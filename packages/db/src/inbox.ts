import { randomUUID } from "node:crypto";
import type { Db } from "./client";

export interface IncomingChange {
  workspaceId: string;
  connectionId: string;
  deliveryId: string;
  entity: string;
  action: string;
  externalId: string;
  changedAt: Date;
}

/** A sync the change is queued for: the side of that sync the connection is. */
export interface QueueTarget {
  syncId: string;
  side: "a" | "b";
}

export type StoredChange = Awaited<ReturnType<Db["webhookEvent"]["create"]>>;

function isUniqueViolation(error: unknown): boolean {
  return (
    typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002"
  );
}

/**
 * How many copies of one derived delivery id are stored. Identical signed bytes within the
 * vendor's timestamp resolution (BambooHR: one second, inside its 5-minute signing window) can
 * be two real changes, but hardly more than a few; beyond this, a repeat is a replay and is
 * dropped (a change it hid is repaired by reconciliation, which reads both systems).
 */
export const MAX_DERIVED_DELIVERY_COPIES = 5;

/**
 * The order inbox statuses move in. A status only ever moves forward (compare-and-set), so a
 * late writer (say, ingress confirming a hand-over after the change was already applied) can
 * never set an event back.
 */
export const INBOX_STATUSES = ["received", "queued", "processed", "failed"] as const;
export type InboxStatus = (typeof INBOX_STATUSES)[number];

function earlierThan(status: InboxStatus): InboxStatus[] {
  return INBOX_STATUSES.slice(0, INBOX_STATUSES.indexOf(status)).filter(
    (earlier) => !(status === "failed" && earlier === "processed"),
  );
}

/**
 * Stores a verified delivery in the inbox and, in the same transaction, queues it for every
 * sync the connection feeds (`targets`), so a stored change is never left without its queue
 * rows. A delivery id seen before on this connection is a duplicate: nothing is written.
 *
 * With `derivedDeliveryId` (vendors that send no delivery id, so it is a hash of the signed
 * bytes and their timestamp), identical bytes may be a second real change made within the
 * vendor's timestamp resolution, so a repeat is stored as `<id>#<n>` and processed, up to
 * MAX_DERIVED_DELIVERY_COPIES copies. That is safe because a sync step reads both systems'
 * current state: a true redelivery ends as "suppressed".
 */
export async function storeIncomingChange(
  db: Db,
  change: IncomingChange,
  options: { derivedDeliveryId?: boolean; targets?: readonly QueueTarget[] } = {},
): Promise<{ duplicate: true } | { duplicate: false; event: StoredChange }> {
  const targets = options.targets ?? [];
  const copies = options.derivedDeliveryId ? MAX_DERIVED_DELIVERY_COPIES : 1;
  for (let repeat = 0; repeat < copies; repeat += 1) {
    const deliveryId = repeat === 0 ? change.deliveryId : `${change.deliveryId}#${repeat}`;
    try {
      // One batch (no interactive transaction): the id is made here, so the queue rows can name
      // the inbox row without reading it back.
      const id = randomUUID();
      const [event] = await db.$transaction([
        db.webhookEvent.create({
          data: { ...change, id, deliveryId, status: targets.length > 0 ? "queued" : "processed" },
        }),
        ...(targets.length > 0
          ? [
              db.syncEvent.createMany({
                data: targets.map((target) => ({
                  workspaceId: change.workspaceId,
                  syncId: target.syncId,
                  side: target.side,
                  entity: change.entity,
                  externalId: change.externalId,
                  webhookEventId: id,
                  deliveryId,
                  changedAt: change.changedAt,
                })),
              }),
            ]
          : []),
      ]);
      return { duplicate: false, event };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }
  return { duplicate: true };
}

/** Moves inbox events forward to `status`; events already there or beyond are left alone. */
export async function advanceInboxStatus(
  db: Pick<Db, "webhookEvent">,
  workspaceId: string,
  eventIds: readonly string[],
  status: InboxStatus,
  error?: string,
): Promise<number> {
  if (eventIds.length === 0) return 0;
  const result = await db.webhookEvent.updateMany({
    where: { workspaceId, id: { in: [...eventIds] }, status: { in: earlierThan(status) } },
    data: { status, ...(error === undefined ? {} : { error: error.slice(0, 2000) }) },
  });
  return result.count;
}
