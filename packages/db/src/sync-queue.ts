import type { Db } from "./client";

/** The statuses a queued change ends in; `pending` is the only one that is not final. */
export const SETTLED_SYNC_EVENT_STATUSES = [
  "applied",
  "suppressed",
  "parked",
  "failed",
  "ignored",
] as const;
export type SettledSyncEventStatus = (typeof SETTLED_SYNC_EVENT_STATUSES)[number];

/** The next changes of one sync that are due, oldest first: what one drain works on. */
export function dueSyncEvents(
  db: Db,
  ref: { workspaceId: string; syncId: string },
  limit: number,
  now = new Date(),
) {
  return db.syncEvent.findMany({
    where: {
      workspaceId: ref.workspaceId,
      syncId: ref.syncId,
      status: "pending",
      notBefore: { lte: now },
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: limit,
  });
}

/** When the earliest pending change of a sync becomes due, or null when none is pending. */
export async function nextDueAt(
  db: Db,
  ref: { workspaceId: string; syncId: string },
): Promise<Date | null> {
  const next = await db.syncEvent.findFirst({
    where: { workspaceId: ref.workspaceId, syncId: ref.syncId, status: "pending" },
    orderBy: { notBefore: "asc" },
    select: { notBefore: true },
  });
  return next?.notBefore ?? null;
}

/**
 * Syncs with changes that have waited longer than `olderThan` (their executor was never told,
 * e.g. Temporal was unreachable when they arrived): the relay nudges these.
 */
export async function findWaitingSyncs(db: Db, olderThan: Date, limit = 100) {
  const rows = await db.syncEvent.groupBy({
    by: ["workspaceId", "syncId"],
    // The relay serves every workspace on purpose, so it names the scope it spans.
    where: {
      workspaceId: { not: "" },
      status: "pending",
      createdAt: { lt: olderThan },
      notBefore: { lte: new Date() },
    },
    take: limit,
    orderBy: { syncId: "asc" },
  });
  return rows.map((row) => ({ workspaceId: row.workspaceId, syncId: row.syncId }));
}
