import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "./client";
import { openMigratedDb } from "./migrate";
import { sqlTransaction } from "./direct-sql";
import { updateLinkIfUnchanged } from "./record-links";
import { testDatabases } from "./testing/databases";
import { createSyncFixture } from "./testing/sync-fixture";

describe.each(testDatabases())("record link compare-and-set on $name", (database) => {
  let db: Db;
  const compareAndSet = (
    ...args: [
      Parameters<typeof updateLinkIfUnchanged>[1],
      Parameters<typeof updateLinkIfUnchanged>[2],
    ]
  ) => sqlTransaction(db, (sql) => updateLinkIfUnchanged(sql, ...args));

  beforeAll(async () => {
    db = await openMigratedDb(await database.create());
  });
  afterAll(async () => {
    await db.$disconnect();
  });

  async function newLink() {
    const { workspaceId, syncId } = await createSyncFixture(db);
    return db.recordLink.create({
      data: {
        workspaceId,
        syncId,
        entity: "employee",
        aId: "7",
        pendingCreate: JSON.stringify({ side: "b", idempotencyKey: "k" }),
      },
    });
  }

  it("applies a step's update at the revision it read, once", async () => {
    const link = await newLink();
    const update = {
      shadowA: '{"lastName":"Ng"}',
      shadowB: '{"last_name":"Ng"}',
      planHash: "h1",
      created: { side: "b" as const, externalId: "uuid-1" },
    };
    expect(await compareAndSet(link, update)).toBe(true);
    const after = await db.recordLink.findUniqueOrThrow({ where: { id: link.id } });
    expect(after).toMatchObject({
      aId: "7",
      bId: "uuid-1",
      pendingCreate: null,
      shadowA: update.shadowA,
      shadowB: update.shadowB,
      planHash: "h1",
      revision: link.revision + 1,
    });
    expect(after.updatedAt.getTime()).toBeGreaterThanOrEqual(link.updatedAt.getTime());
    // The same revision again: someone (this step) moved the link, so nothing is written.
    expect(await compareAndSet(link, { ...update, planHash: "h2", created: null })).toBe(false);
    expect((await db.recordLink.findUniqueOrThrow({ where: { id: link.id } })).planHash).toBe("h1");
  });

  it("refuses a link of another workspace", async () => {
    const link = await newLink();
    const moved = await compareAndSet(
      { ...link, workspaceId: "another" },
      { shadowA: null, shadowB: null, planHash: "h", created: null },
    );
    expect(moved).toBe(false);
  });
});
