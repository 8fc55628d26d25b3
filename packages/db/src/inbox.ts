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
 * Stores a verified delivery in the inbox. A delivery id seen before on this connection is a
 * duplicate: it is reported as such and nothing is written.
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
  options: { derivedDeliveryId?: boolean } = {},
): Promise<{ duplicate: true } | { duplicate: false; event: StoredChange }> {
  const copies = options.derivedDeliveryId ? MAX_DERIVED_DELIVERY_COPIES : 1;
  for (let repeat = 0; repeat < copies; repeat += 1) {
    const deliveryId = repeat === 0 ? change.deliveryId : `${change.deliveryId}#${repeat}`;
    try {
      const event = await db.webhookEvent.create({ data: { ...change, deliveryId } });
      return { duplicate: false, event };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }
  return { duplicate: true };
}

export async function markSignalled(
  db: Db,
  workspaceId: string,
  eventId: string,
  workflowId: string,
) {
  await db.webhookEvent.updateMany({
    where: { workspaceId, id: eventId },
    data: { status: "signalled", workflowId, signalledAt: new Date() },
  });
}

export async function markProcessed(
  db: Db,
  workspaceId: string,
  connectionId: string,
  deliveryId: string,
) {
  await db.webhookEvent.updateMany({
    where: { workspaceId, connectionId, deliveryId },
    data: { status: "processed" },
  });
}

/** Deliveries stored but never handed to Temporal (it was unreachable), oldest first. */
export async function findUnsignalledChanges(db: Db, receivedBefore: Date, limit = 100) {
  return db.webhookEvent.findMany({
    // The relay serves every workspace on purpose, so it names the scope it spans.
    where: { workspaceId: { not: "" }, status: "received", receivedAt: { lt: receivedBefore } },
    orderBy: { receivedAt: "asc" },
    take: limit,
  });
}
