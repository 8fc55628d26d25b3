import type { Db } from "./client";

export interface IncomingChange {
  workspaceId: string;
  connectionId: string;
  deliveryId: string;
  entity: string;
  action: string;
  externalId: string;
  changedAt: Date;
  /**
   * Seals the delivery as received for the inbox row it becomes (`sealDelivery`, bound to that
   * row's id, which the writer makes).
   */
  sealRaw?: (inboxId: string) => string;
  /** A signed delivery that carries no change Tandem understands: stored as failed, with why. */
  failure?: string;
}

/** A sync the change is queued for: the side of that sync the connection is. */
export interface QueueTarget {
  syncId: string;
  side: "a" | "b";
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

/** Settled inbox rows: the ones retention may delete. */
const PRUNABLE_STATUSES: InboxStatus[] = ["processed", "failed"];

/**
 * Retention: deletes settled inbox rows (processed or failed) received before `before`, with
 * the sealed deliveries they keep, `batchSize` rows per statement so a large backlog never
 * holds a long lock. Rows still received or queued stay, however old: their changes are not
 * settled. A redelivery after its row is pruned is stored again (a step reads current state,
 * so it ends suppressed).
 */
export async function pruneInbox(
  db: Pick<Db, "webhookEvent">,
  before: Date,
  batchSize = 500,
): Promise<number> {
  let pruned = 0;
  for (;;) {
    const rows = await db.webhookEvent.findMany({
      where: { status: { in: PRUNABLE_STATUSES }, receivedAt: { lt: before } },
      select: { id: true },
      take: batchSize,
    });
    if (rows.length === 0) return pruned;
    const { count } = await db.webhookEvent.deleteMany({
      where: { id: { in: rows.map((row) => row.id) }, status: { in: PRUNABLE_STATUSES } },
    });
    pruned += count;
    if (rows.length < batchSize) return pruned;
  }
}
