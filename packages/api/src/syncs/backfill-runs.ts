import type { Client } from "@temporalio/client";
import type { WorkspaceDb } from "@tandem/db";
import { backfillProgress, cancelBackfill, startBackfill } from "@tandem/workflows/backfill-client";
import type { BackfillMode, BackfillOptions } from "@tandem/workflows/backfill-client";
import { TandemError } from "../errors/tandem-error";

async function syncRef(wdb: WorkspaceDb, workspaceId: string, syncId: string) {
  const sync = await wdb.sync.findFirst({ where: { id: syncId }, select: { id: true } });
  if (!sync) throw new TandemError("NOT_FOUND", `no sync ${syncId} in this workspace`);
  return { workspaceId, syncId: sync.id };
}

/** Starts a backfill or a dry run of one of the workspace's syncs. */
export async function startSyncBackfill(
  wdb: WorkspaceDb,
  temporal: () => Promise<Client>,
  workspaceId: string,
  input: { syncId: string; mode: BackfillMode; taskQueue?: string } & BackfillOptions,
) {
  const { syncId, mode, ...options } = input;
  const ref = await syncRef(wdb, workspaceId, syncId);
  return startBackfill(await temporal(), ref, mode, options);
}

/** The progress of the sync's latest backfill or dry run, read from the workflow's query. */
export async function syncBackfillProgress(
  wdb: WorkspaceDb,
  temporal: () => Promise<Client>,
  workspaceId: string,
  input: { syncId: string; mode: BackfillMode },
) {
  const ref = await syncRef(wdb, workspaceId, input.syncId);
  return backfillProgress(await temporal(), ref, input.mode);
}

export async function cancelSyncBackfill(
  wdb: WorkspaceDb,
  temporal: () => Promise<Client>,
  workspaceId: string,
  input: { syncId: string; mode: BackfillMode },
) {
  const ref = await syncRef(wdb, workspaceId, input.syncId);
  return { cancelled: await cancelBackfill(await temporal(), ref, input.mode) };
}
