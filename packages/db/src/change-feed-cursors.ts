import type { Db } from "./client";
import type { IncomingChange, QueueTarget } from "./inbox";
import { prismaSqlTx, providerOf } from "./direct-sql";
import { insertInboxRows } from "./inbox-writer";

/** Changes read from a connection's change feed after `from`, up to and including `to`. */
export interface ChangeFeedBatch {
  workspaceId: string;
  connectionId: string;
  /** The feed's source (`changeSource`): which changes table the cursor is a position in. */
  source: string;
  /** The cursor the batch was read after: the stored one, or the write is refused. */
  from: string | null;
  to: string | null;
  changes: readonly IncomingChange[];
  targets: readonly QueueTarget[];
}

/** Another reader stored a different cursor meanwhile; read again from the stored one. */
export class ChangeFeedCursorMoved extends Error {
  constructor(connectionId: string) {
    super(`the change feed cursor of connection ${connectionId} moved while a batch was read`);
    this.name = "ChangeFeedCursorMoved";
  }
}

/** The stored cursor of a connection's feed; null before its first change is stored. */
export async function readChangeFeedCursor(
  db: Pick<Db, "changeFeedCursor">,
  workspaceId: string,
  connectionId: string,
): Promise<string | null> {
  const row = await db.changeFeedCursor.findFirst({
    where: { workspaceId, connectionId },
    select: { cursor: true },
  });
  return row?.cursor ?? null;
}

/**
 * Stores a batch in the inbox (queued for every target sync, deduplicated by delivery id like
 * webhooks) and moves the cursor from `from` to `to`, in one transaction: a crash before the
 * commit leaves both as they were, so the batch is read again; after it, neither repeats.
 * The cursor moves by compare-and-set, so two readers of one feed never both store a batch.
 */
export async function storeChangeFeedBatch(
  db: Db,
  batch: ChangeFeedBatch,
): Promise<{ stored: number; duplicates: number }> {
  const provider = providerOf(db);
  return db.$transaction(async (tx) => {
    const moved = await tx.changeFeedCursor.updateMany({
      where: {
        workspaceId: batch.workspaceId,
        connectionId: batch.connectionId,
        cursor: batch.from,
      },
      data: { cursor: batch.to, source: batch.source },
    });
    if (moved.count === 0) {
      const existing = await tx.changeFeedCursor.findFirst({
        where: { workspaceId: batch.workspaceId, connectionId: batch.connectionId },
        select: { cursor: true },
      });
      if (existing) throw new ChangeFeedCursorMoved(batch.connectionId);
      await tx.changeFeedCursor.create({
        data: {
          workspaceId: batch.workspaceId,
          connectionId: batch.connectionId,
          source: batch.source,
          cursor: batch.to,
        },
      });
    }
    const outcomes = await insertInboxRows(
      prismaSqlTx(tx, provider),
      batch.changes.map((change) => ({ change, targets: batch.targets, derived: false })),
    );
    const duplicates = outcomes.filter((outcome) => outcome.duplicate).length;
    return { stored: outcomes.length - duplicates, duplicates };
  });
}

/** Every stored cursor into one source, across connections and workspaces. */
export async function changeFeedCursorsOf(
  db: Pick<Db, "changeFeedCursor">,
  source: string,
): Promise<(string | null)[]> {
  const rows = await db.changeFeedCursor.findMany({
    // One table may feed connections of several workspaces; pruning must respect them all.
    where: { workspaceId: { not: "" }, source },
    select: { cursor: true },
  });
  return rows.map((row) => row.cursor);
}
