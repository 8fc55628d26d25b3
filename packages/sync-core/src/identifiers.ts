import type { Direction, Side } from "./decide-sync";

/**
 * One workflow per record: its id is a pure function of where the record lives, so every
 * event for that record lands in the same workflow and is applied in order. The workspace
 * prefix lets the history pages list one workspace's runs with a `STARTS_WITH` query.
 */
export function recordWorkflowId(ref: {
  workspaceId: string;
  syncId: string;
  side: Side;
  externalId: string;
}): string {
  return `${workspacePrefix(ref.workspaceId)}sync-${ref.syncId}/employee-${ref.side}-${ref.externalId}`;
}

export function workspacePrefix(workspaceId: string): string {
  return `ws-${workspaceId}/`;
}

/**
 * The idempotency key of one write: the same link at the same shadow revision in the same
 * direction always produces the same key, so a retried activity never writes twice.
 */
export function writeIdempotencyKey(
  linkId: string,
  revision: number,
  direction: Direction,
): string {
  return `tandem-${linkId}-r${revision}-${direction === "A->B" ? "ab" : "ba"}`;
}
