import { ApplicationFailure } from "@temporalio/activity";
import { ConnectorError, withRetries, type EntityRecord } from "@tandem/connectors";
import type { Db } from "@tandem/db";
import { matchKeySlots, pairByMatchKeys, type KeyedRecord, type Side } from "@tandem/sync-core";
import type { BackfillListResult, BackfillPairResult } from "../backfill-shapes";
import type { SyncRef } from "../shared";
import { SyncNotRunnable, type SyncContext, type SyncContextLoader } from "./sync-context";

/** A record as the snapshot keeps it: what a listing returned, for the page that decides it. */
export type StoredRecord = Omit<EntityRecord, "id">;

/** Records per statement: an `in` list this long stays under Prisma's parameter limit for SQLite (999). */
export const ID_CHUNK = 500;

/**
 * Runs a vendor call with the connector's retries (Retry-After honoured up to 30 s in
 * process); a longer Retry-After becomes the activity's next retry delay, so Temporal waits
 * exactly as long as the vendor asked without holding a worker slot.
 */
export async function vendorCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await withRetries(call, { maxAttempts: 5 });
  } catch (error) {
    if (error instanceof ConnectorError && error.kind === "retryable")
      throw ApplicationFailure.create({
        message: error.message,
        type: "VendorRetryable",
        ...(error.details.retryAfterMs !== undefined
          ? { nextRetryDelay: error.details.retryAfterMs }
          : {}),
      });
    if (error instanceof ConnectorError && error.kind === "permanent")
      throw ApplicationFailure.nonRetryable(error.message, "VendorRefused");
    throw error;
  }
}

/** The sync's context; a sync that cannot run (no published plan) fails the backfill at once. */
export async function loadForBackfill(
  loadContext: SyncContextLoader,
  ref: SyncRef,
): Promise<SyncContext> {
  try {
    return await loadContext(ref);
  } catch (error) {
    if (error instanceof SyncNotRunnable)
      throw ApplicationFailure.nonRetryable(error.message, "SyncNotRunnable");
    throw error;
  }
}

/** A cheap, stable hash (FNV-1a) that orders the work list. */
function spreadOrder(text: string): number {
  let value = 2166136261;
  for (let index = 0; index < text.length; index += 1)
    value = Math.imul(value ^ text.charCodeAt(index), 16777619) >>> 0;
  return value;
}

export async function chunked<T>(
  items: readonly T[],
  size: number,
  run: (chunk: T[]) => Promise<unknown>,
): Promise<void> {
  for (let start = 0; start < items.length; start += size)
    await run(items.slice(start, start + size));
}

export function createBackfillSnapshotActivities(db: Db, loadContext: SyncContextLoader) {
  return {
    /**
     * Lists one side from `cursor` through the connector (the vendor's own page size, several
     * pages up to `maxRecords`) and stores the records with their match keys. Storing replaces
     * rows of the same records, so a retried listing never doubles one.
     */
    async listBackfillPage(input: {
      ref: SyncRef;
      backfillId: string;
      side: Side;
      cursor: string | null;
      maxRecords: number;
    }): Promise<BackfillListResult> {
      const ctx = await loadForBackfill(loadContext, input.ref);
      const entity = ctx.entities[input.side];
      const records: EntityRecord[] = [];
      let cursor = input.cursor;
      do {
        const page = await vendorCall(() => entity.list(cursor));
        records.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor !== null && records.length < input.maxRecords);
      const { workspaceId, syncId } = input.ref;
      const rows = records.map((record) => {
        const { id, ...stored } = record;
        return {
          workspaceId,
          syncId,
          backfillId: input.backfillId,
          side: input.side,
          externalId: id,
          record: JSON.stringify(stored satisfies StoredRecord),
          matchKeys: JSON.stringify(matchKeySlots(ctx.plan, input.side, record.fields)),
        };
      });
      await db.$transaction(async (tx) => {
        await chunked(rows, ID_CHUNK, async (chunk) => {
          await tx.backfillRecord.deleteMany({
            where: {
              workspaceId,
              backfillId: input.backfillId,
              side: input.side,
              externalId: { in: chunk.map((row) => row.externalId) },
            },
          });
          await tx.backfillRecord.createMany({ data: chunk });
        });
      });
      return { nextCursor: cursor, listed: records.length, atMs: Date.now() };
    },

    /**
     * Pairs the snapshot of both sides by the plan's match keys in memory and writes the work
     * list of pairs, ambiguous and unmatched records, numbered for paging in a hashed order.
     */
    async pairBackfillRecords(input: {
      ref: SyncRef;
      backfillId: string;
    }): Promise<BackfillPairResult> {
      const ctx = await loadForBackfill(loadContext, input.ref);
      const { workspaceId } = input.ref;
      const rows = await db.backfillRecord.findMany({
        where: { workspaceId, backfillId: input.backfillId },
        select: { side: true, externalId: true, matchKeys: true },
        orderBy: { id: "asc" },
      });
      const keyed: Record<Side, KeyedRecord[]> = { a: [], b: [] };
      for (const row of rows)
        keyed[row.side === "b" ? "b" : "a"].push({
          id: row.externalId,
          keys: JSON.parse(row.matchKeys) as (string | null)[],
        });
      const pairing = pairByMatchKeys(keyed.a, keyed.b);
      const base = { workspaceId, backfillId: input.backfillId };
      const items = [
        ...pairing.pairs.map((pair) => ({ ...base, kind: "pair", aId: pair.a, bId: pair.b })),
        ...pairing.ambiguous.map((item) => ({
          ...base,
          kind: "ambiguous",
          aId: item.side === "a" ? item.id : null,
          bId: item.side === "b" ? item.id : null,
          reason: `${item.reason} (${item.candidates.join(", ")})`,
        })),
        ...pairing.unmatched.map((item) => ({
          ...base,
          kind: "unmatched",
          aId: item.side === "a" ? item.id : null,
          bId: item.side === "b" ? item.id : null,
        })),
      ]
        // Spread creates and writes over the pages, so pages in flight share the vendor calls.
        .map((item) => ({ item, order: spreadOrder(`${item.aId ?? ""}|${item.bId ?? ""}`) }))
        .sort((x, y) => x.order - y.order)
        .map(({ item }, seq) => ({ ...item, seq }));
      await db.$transaction(async (tx) => {
        await tx.backfillItem.deleteMany({ where: base });
        await chunked(items, ID_CHUNK, (chunk) => tx.backfillItem.createMany({ data: chunk }));
      });
      return { total: items.length, planHash: ctx.plan.hash, atMs: Date.now() };
    },

    /** Drops a backfill's snapshot and work list (it finished, or was cancelled). */
    async clearBackfill(input: { ref: SyncRef; backfillId: string }): Promise<void> {
      const where = { workspaceId: input.ref.workspaceId, backfillId: input.backfillId };
      await db.backfillItem.deleteMany({ where });
      await db.backfillRecord.deleteMany({ where });
    },
  };
}
