import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "./client";
import { sqlTransaction } from "./direct-sql";
import { openMigratedDb } from "./migrate";
import { testDatabases } from "./testing/databases";
import { createSyncFixture } from "./testing/sync-fixture";

describe.each(testDatabases())("statements outside the ORM on $name", (database) => {
  let db: Db;
  beforeAll(async () => {
    db = await openMigratedDb(await database.create());
  });
  afterAll(async () => {
    await db.$disconnect();
  });

  const insertEvent = (id: string, workspaceId: string, connectionId: string, at: Date) =>
    sqlTransaction(db, (sql) =>
      sql.execute(
        `INSERT INTO "WebhookEvent" ("id", "workspaceId", "connectionId", "deliveryId", "entity",
          "action", "externalId", "changedAt", "receivedAt", "status")
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [id, workspaceId, connectionId, id, "employee", "updated", "e-1", at, at, "queued"],
      ),
    );

  it("writes values the ORM reads back as it wrote them itself", async () => {
    const { workspaceId, hris } = await createSyncFixture(db);
    const at = new Date("2026-12-03T07:15:42.123Z");
    expect(await insertEvent("direct-1", workspaceId, hris.id, at)).toBe(1);
    const row = await db.webhookEvent.findFirstOrThrow({
      where: { workspaceId, id: "direct-1", changedAt: at },
    });
    expect(row.changedAt).toEqual(at);
    expect(row.receivedAt).toEqual(at);
    // And the other way: rows the ORM wrote are found by the same statements' values.
    await db.webhookEvent.create({
      data: {
        id: "orm-1",
        workspaceId,
        connectionId: hris.id,
        deliveryId: "orm-1",
        entity: "employee",
        action: "updated",
        externalId: "e-2",
        changedAt: at,
        status: "queued",
      },
    });
    const found = await sqlTransaction(db, (sql) =>
      sql.query<{ id: string }>(
        `SELECT "id" FROM "WebhookEvent" WHERE "workspaceId" = ? AND "changedAt" = ? ORDER BY "id"`,
        [workspaceId, at],
      ),
    );
    expect(found.map((event) => event.id)).toEqual(["direct-1", "orm-1"]);
  });

  it("writes instants as UTC, whatever the process's time zone", async () => {
    const { workspaceId, hris } = await createSyncFixture(db);
    const at = new Date("2026-07-01T23:30:00.250Z");
    const zone = process.env.TZ;
    process.env.TZ = "America/New_York";
    try {
      expect(await insertEvent("direct-tz", workspaceId, hris.id, at)).toBe(1);
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
    const row = await db.webhookEvent.findFirstOrThrow({ where: { workspaceId, id: "direct-tz" } });
    expect(row.changedAt.toISOString()).toBe(at.toISOString());
  });

  it("goes on after a statement the database refused", async () => {
    const { workspaceId, hris } = await createSyncFixture(db);
    const at = new Date("2026-12-03T08:00:00.000Z");
    await insertEvent("direct-dup", workspaceId, hris.id, at);
    await expect(insertEvent("direct-dup", workspaceId, hris.id, at)).rejects.toThrow();
    expect(await insertEvent("direct-after", workspaceId, hris.id, at)).toBe(1);
  });

  it.runIf(database.name === "postgresql")(
    "survives the server closing its idle connections, and opens new ones",
    async () => {
      const { workspaceId, hris } = await createSyncFixture(db);
      const at = new Date("2026-12-03T09:00:00.000Z");
      await insertEvent("direct-before-restart", workspaceId, hris.id, at);
      // What a server restart or failover does to the pool's idle connections.
      await db.$queryRawUnsafe(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
         WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'idle'`,
      );
      let stored = 0;
      for (let attempt = 0; attempt < 20 && stored === 0; attempt++) {
        stored = await insertEvent("direct-after-restart", workspaceId, hris.id, at).catch(() => 0);
        if (stored === 0) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(stored).toBe(1);
    },
  );

  it("rolls back every statement of a transaction that throws", async () => {
    const { workspaceId, hris } = await createSyncFixture(db);
    await expect(
      sqlTransaction(db, async (sql) => {
        await sql.execute(
          `UPDATE "Connection" SET "name" = ? WHERE "workspaceId" = ? AND "id" = ?`,
          ["renamed", workspaceId, hris.id],
        );
        throw new Error("the step failed");
      }),
    ).rejects.toThrow("the step failed");
    expect((await db.connection.findFirstOrThrow({ where: { id: hris.id } })).name).toBe("HRIS");
  });

  it("keeps an ORM query issued meanwhile out of the open transaction", async () => {
    const { workspaceId, hris } = await createSyncFixture(db);
    const reads: Promise<string>[] = [];
    await expect(
      sqlTransaction(db, async (sql) => {
        await sql.execute(
          `UPDATE "Connection" SET "name" = ? WHERE "workspaceId" = ? AND "id" = ?`,
          ["renamed", workspaceId, hris.id],
        );
        reads.push(
          db.connection
            .findFirstOrThrow({ where: { id: hris.id } })
            .then((connection) => connection.name),
        );
        // Let the read run now if nothing holds it back.
        await new Promise((resolve) => setImmediate(resolve));
        throw new Error("the step failed");
      }),
    ).rejects.toThrow("the step failed");
    // It ran after the rollback (on SQLite it waited; PostgreSQL isolates it anyway).
    expect(await Promise.all(reads)).toEqual(["HRIS"]);
  });
});
