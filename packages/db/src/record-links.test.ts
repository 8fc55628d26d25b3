import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "./client";
import { createConnection } from "./connections";
import { openMigratedDb } from "./migrate";
import { updateLinkIfUnchanged } from "./record-links";
import { testDatabases } from "./testing/databases";

describe.each(testDatabases())("record link compare-and-set on $name", (database) => {
  let db: Db;

  beforeAll(async () => {
    db = await openMigratedDb(await database.create());
  });
  afterAll(async () => {
    await db.$disconnect();
  });

  async function newLink() {
    const workspace = await db.workspace.create({
      data: { slug: `l-${randomBytes(4).toString("hex")}`, name: "L" },
    });
    const connection = (kind: "gusto" | "bamboohr") =>
      createConnection(db, randomBytes(32), {
        workspaceId: workspace.id,
        kind,
        name: kind,
        settings: kind === "gusto" ? { baseUrl: "http://127.0.0.1:1" } : { companyDomain: "acme" },
        secrets: kind === "gusto" ? { accessToken: "t" } : { apiKey: "k" },
      });
    const [a, b] = [await connection("bamboohr"), await connection("gusto")];
    const sync = await db.sync.create({
      data: {
        workspaceId: workspace.id,
        name: "S",
        connectionAId: a.id,
        connectionBId: b.id,
        planVersion: "p",
      },
    });
    return db.recordLink.create({
      data: {
        workspaceId: workspace.id,
        syncId: sync.id,
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
    expect(await updateLinkIfUnchanged(db, link, update)).toBe(true);
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
    expect(
      await updateLinkIfUnchanged(db, link, { ...update, planHash: "h2", created: null }),
    ).toBe(false);
    expect((await db.recordLink.findUniqueOrThrow({ where: { id: link.id } })).planHash).toBe("h1");
  });

  it("refuses a link of another workspace", async () => {
    const link = await newLink();
    const moved = await updateLinkIfUnchanged(
      db,
      { ...link, workspaceId: "another" },
      { shadowA: null, shadowB: null, planHash: "h", created: null },
    );
    expect(moved).toBe(false);
  });
});
