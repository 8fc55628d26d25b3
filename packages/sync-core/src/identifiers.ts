import { canonicalJson, sha256Hex } from "@tandem/mapping";
import type { Side } from "./sides";

/** The prefix of every workflow id of a workspace, so history pages can list them with STARTS_WITH. */
export function workspacePrefix(workspaceId: string): string {
  return `ws-${workspaceId}/`;
}

/** The one reader of a change-feed connection's feed (a PostgreSQL table's changes). */
export function changeFeedWorkflowId(ref: { workspaceId: string; connectionId: string }): string {
  return `${workspacePrefix(ref.workspaceId)}connection-${ref.connectionId}/change-feed`;
}

/**
 * The one executor of a sync: every change of every record of the sync goes through it, so two
 * changes to one person never race, and the id does not change when a new record gets linked.
 */
export function syncExecutorWorkflowId(ref: { workspaceId: string; syncId: string }): string {
  return `${workspacePrefix(ref.workspaceId)}sync-${ref.syncId}/executor`;
}

/**
 * The idempotency key of one write, derived from what it writes: the link, the side, the link
 * revision the patch was decided at, and the patch itself. A retry of the same write carries
 * the same key; a different patch (say, after a parked field was resolved) never does.
 */
export function writeIdempotencyKey(
  linkId: string,
  side: Side,
  revision: number,
  patch: Readonly<Record<string, unknown>>,
): string {
  const digest = sha256Hex(canonicalJson({ linkId, side, revision, patch })).slice(0, 32);
  return `tandem-${digest}`;
}

/** The key of creating the counterpart of one source record: the same on every retry. */
export function createIdempotencyKey(syncId: string, source: Side, sourceId: string): string {
  return `tandem-create-${sha256Hex(canonicalJson({ syncId, source, sourceId })).slice(0, 32)}`;
}

/** A sync's backfill, or its dry run: one of each at a time per sync. */
export function syncBackfillWorkflowId(
  ref: { workspaceId: string; syncId: string },
  mode: "backfill" | "dry-run",
): string {
  return `${workspacePrefix(ref.workspaceId)}sync-${ref.syncId}/${mode}`;
}

/** A sync's reconciliation run: one at a time per sync (the schedule skips a run that overlaps). */
export function syncReconcileWorkflowId(ref: { workspaceId: string; syncId: string }): string {
  return `${workspacePrefix(ref.workspaceId)}sync-${ref.syncId}/reconcile`;
}

/** The Temporal Schedule that starts a sync's reconciliation runs. */
export function syncReconcileScheduleId(ref: { workspaceId: string; syncId: string }): string {
  return `${workspacePrefix(ref.workspaceId)}sync-${ref.syncId}/reconcile-schedule`;
}
