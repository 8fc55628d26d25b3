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

const MAX_REPEATS = 1000;

/**
 * Stores a verified delivery in the inbox. A delivery id seen before on this connection is a
 * duplicate: it is reported as such and nothing is written.
 *
 * With `derivedDeliveryId` (vendors that send no delivery id, so it is a hash of the signed
 * bytes), identical bytes may be a second real change made within the vendor's one-second
 * timestamp, so every repeat is stored as `<id>#<n>` and processed. That is safe because a sync
 * step reads both systems' current state: a true redelivery ends as "suppressed", and no change
 * is ever dropped for looking like an earlier one.
 */
export async function storeIncomingChange(
  db: Db,
  change: IncomingChange,
  options: { derivedDeliveryId?: boolean } = {},
): Promise<{ duplicate: true } | { duplicate: false; event: StoredChange }> {
  for (let repeat = 0; repeat < MAX_REPEATS; repeat += 1) {
    const deliveryId = repeat === 0 ? change.deliveryId : `${change.deliveryId}#${repeat}`;
    try {
      const event = await db.webhookEvent.create({ data: { ...change, deliveryId } });
      return { duplicate: false, event };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      if (!options.derivedDeliveryId) return { duplicate: true };
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
