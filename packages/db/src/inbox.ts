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

const SETTLED = ["processed", "failed"];
const MAX_REPEATS = 1000;

/**
 * Stores a verified delivery in the inbox. A delivery id seen before on this connection is a
 * duplicate: it is reported as such and nothing is written.
 *
 * With `repeatAfterSettled` (vendors whose delivery ids are derived from the payload), an
 * identical delivery that arrives after the first copy was settled is a new change with the
 * same bytes, not a retry: it is stored as `<id>#<n>`. Processing it again is harmless (the
 * sync step reads current state and suppresses a no-op); dropping it could lose a change.
 */
export async function storeIncomingChange(
  db: Db,
  change: IncomingChange,
  options: { repeatAfterSettled?: boolean } = {},
): Promise<{ duplicate: true } | { duplicate: false; event: StoredChange }> {
  for (let repeat = 0; repeat < MAX_REPEATS; repeat += 1) {
    const deliveryId = repeat === 0 ? change.deliveryId : `${change.deliveryId}#${repeat}`;
    try {
      const event = await db.webhookEvent.create({ data: { ...change, deliveryId } });
      return { duplicate: false, event };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      if (!options.repeatAfterSettled) return { duplicate: true };
      const existing = await db.webhookEvent.findFirst({
        where: { workspaceId: change.workspaceId, connectionId: change.connectionId, deliveryId },
      });
      if (existing && !SETTLED.includes(existing.status)) return { duplicate: true };
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
