import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ChangeFeedCursorMoved,
  changeFeedCursorsOf,
  readChangeFeedCursor,
  storeChangeFeedBatch,
} from "./change-feed-cursors";
import type { Db } from "./client";
import { openMigratedDb } from "./migrate";
import { testDatabases } from "./testing/databases";
import { createSyncFixture } from "./testing/sync-fixture";

describe.each(testDatabases())("change feed cursors on $name", (database) => {
  let db: Db;

  beforeAll(async () => {
    db = await openMigratedDb(await database.create());
  });
  afterAll(async () => {
    await db.$disconnect();
  });

  async function feed() {
    const fixture = await createSyncFixture(db);
    const ids = { workspaceId: fixture.workspaceId, connectionId: fixture.payroll.id };
    const change = (seq: number) => ({
      ...ids,
      deliveryId: `42:${seq}`,
      entity: "employee",
      action: "updated",
      externalId: `row-${seq}`,
      changedAt: new Date("2026-12-01T10:00:00Z"),
    });
    const batch = (from: string | null, to: string, seqs: number[]) => ({
      ...ids,
      source: `source-${fixture.workspaceId}`,
      from,
      to,
      changes: seqs.map(change),
      targets: [{ syncId: fixture.syncId, side: "b" as const }],
    });
    const counts = async () => ({
      inbox: await db.webhookEvent.count({ where: ids }),
      queued: await db.syncEvent.count({
        where: { workspaceId: ids.workspaceId, syncId: fixture.syncId, side: "b" },
      }),
    });
    return { ids, batch, counts };
  }

  it("stores a batch with its queue rows and moves the cursor with it", async () => {
    const { ids, batch, counts } = await feed();
    expect(await readChangeFeedCursor(db, ids.workspaceId, ids.connectionId)).toBeNull();
    expect(await storeChangeFeedBatch(db, batch(null, "7:2", [1, 2]))).toEqual({
      stored: 2,
      duplicates: 0,
    });
    expect(await storeChangeFeedBatch(db, batch("7:2", "8:3", [3]))).toEqual({
      stored: 1,
      duplicates: 0,
    });
    expect(await readChangeFeedCursor(db, ids.workspaceId, ids.connectionId)).toBe("8:3");
    expect(await counts()).toEqual({ inbox: 3, queued: 3 });
  });

  it("refuses a batch read after a cursor that is no longer stored, storing none of it", async () => {
    const { ids, batch, counts } = await feed();
    await storeChangeFeedBatch(db, batch(null, "7:2", [1, 2]));
    // A second reader (a retried activity whose first attempt still ran) read from null too.
    await expect(storeChangeFeedBatch(db, batch(null, "7:3", [1, 2, 3]))).rejects.toThrow(
      ChangeFeedCursorMoved,
    );
    await expect(storeChangeFeedBatch(db, batch("6:1", "7:3", [2, 3]))).rejects.toThrow(
      ChangeFeedCursorMoved,
    );
    expect(await readChangeFeedCursor(db, ids.workspaceId, ids.connectionId)).toBe("7:2");
    expect(await counts()).toEqual({ inbox: 2, queued: 2 });
  });

  it("lists the cursors of every connection reading one source", async () => {
    const first = await feed();
    await storeChangeFeedBatch(db, { ...first.batch(null, "7:2", [1]), source: "shared" });
    const second = await feed();
    await storeChangeFeedBatch(db, { ...second.batch(null, "5:1", [1]), source: "shared" });
    expect((await changeFeedCursorsOf(db, "shared")).sort()).toEqual(["5:1", "7:2"]);
  });
});
