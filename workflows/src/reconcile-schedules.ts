import type { Client } from "@temporalio/client";
import type { Db } from "@tandem/db";
import { followSyncSchedule } from "./reconcile-client";

/**
 * At worker start: every sync's reconciliation schedule follows the database (syncs made live
 * while Temporal was unreachable, or by a seed, get theirs; paused ones lose theirs). Returns
 * the number of syncs scheduled.
 */
export async function followAllSyncSchedules(
  db: Db,
  client: Client,
  options: { defaultIntervalMinutes: number; taskQueue?: string },
): Promise<number> {
  // The worker serves every workspace on purpose, so it names the scope it spans.
  const syncs = await db.sync.findMany({
    where: { workspaceId: { not: "" } },
    select: {
      id: true,
      workspaceId: true,
      reconcilePaused: true,
      reconcileIntervalMinutes: true,
      mapping: { select: { publishedHash: true } },
    },
  });
  let scheduled = 0;
  for (const sync of syncs) {
    const result = await followSyncSchedule(
      client,
      { workspaceId: sync.workspaceId, syncId: sync.id },
      {
        live: Boolean(sync.mapping?.publishedHash),
        reconcilePaused: sync.reconcilePaused,
        reconcileIntervalMinutes: sync.reconcileIntervalMinutes,
      },
      options,
    );
    if (result.scheduled) scheduled += 1;
  }
  return scheduled;
}
