import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "./client";
import { createConnection } from "./connections";
import { MAX_DERIVED_DELIVERY_COPIES } from "./inbox";
import { createInboxWriter } from "./inbox-writer";
import { openMigratedDb } from "./migrate";
import { dueSyncEvents } from "./sync-queue";
import { testDatabases } from "./testing/databases";

describe.each(testDatabases())("inbox group commit on $name", (database) => {
  let db: Db;

  beforeAll(async () => {
    db = await openMigratedDb(await database.create());
  });
  afterAll(async () => {
    await db.$disconnect();
  });

  async function connectionWithSync() {
    const workspace = await db.workspace.create({
      data: { slug: `g-${randomBytes(4).toString("hex")}`, name: "G" },
    });
    const connection = await createConnection(db, randomBytes(32), {
      workspaceId: workspace.id,
      kind: "gusto",
      name: "Payroll",
      settings: { baseUrl: "http://127.0.0.1:1" },
      secrets: { accessToken: "t" },
    });
    const other = await createConnection(db, randomBytes(32), {
      workspaceId: workspace.id,
      kind: "bamboohr",
      name: "HRIS",
      settings: { companyDomain: "acme" },
      secrets: { apiKey: "k" },
    });
    const sync = await db.sync.create({
      data: {
        workspaceId: workspace.id,
        name: "S",
        connectionAId: other.id,
        connectionBId: connection.id,
        planVersion: "p",
      },
    });
    return { workspaceId: workspace.id, connectionId: connection.id, syncId: sync.id };
  }

  const change = (ids: { workspaceId: string; connectionId: string }, deliveryId: string) => ({
    ...ids,
    deliveryId,
    entity: "employee",
    action: "updated",
    externalId: `e-${deliveryId}`,
    changedAt: new Date("2026-12-01T10:00:00Z"),
  });

  it("commits concurrent deliveries together, skipping redeliveries without failing the batch", async () => {
    const ids = await connectionWithSync();
    const writer = createInboxWriter(db);
    const targets = [{ syncId: ids.syncId, side: "b" as const }];
    const first = await writer.store(change(ids, "d-0"), { targets });
    expect(first.duplicate).toBe(false);

    const outcomes = await Promise.all(
      ["d-1", "d-2", "d-0", "d-3", "d-2"].map((id) => writer.store(change(ids, id), { targets })),
    );
    expect(outcomes.map((outcome) => outcome.duplicate)).toEqual([false, false, true, false, true]);

    const inbox = await db.webhookEvent.findMany({
      where: { workspaceId: ids.workspaceId },
      orderBy: { deliveryId: "asc" },
    });
    expect(inbox.map((row) => [row.deliveryId, row.status])).toEqual([
      ["d-0", "queued"],
      ["d-1", "queued"],
      ["d-2", "queued"],
      ["d-3", "queued"],
    ]);
    expect(inbox[0]?.changedAt.toISOString()).toBe("2026-12-01T10:00:00.000Z");
    // Queue rows exist once per stored delivery and are due at once, as the drain sees them.
    const due = await dueSyncEvents(db, ids, 100);
    expect(due.map((event) => event.deliveryId).sort()).toEqual(["d-0", "d-1", "d-2", "d-3"]);
    expect(new Set(due.map((event) => event.webhookEventId))).toEqual(
      new Set(inbox.map((row) => row.id)),
    );
    expect(due.every((event) => event.status === "pending" && event.side === "b")).toBe(true);
  });

  it("marks a delivery no sync takes as processed and queues nothing", async () => {
    const ids = await connectionWithSync();
    const stored = await createInboxWriter(db).store(change(ids, "lonely"));
    expect(stored.duplicate).toBe(false);
    const row = await db.webhookEvent.findFirst({ where: { workspaceId: ids.workspaceId } });
    expect(row?.status).toBe("processed");
    expect(await db.syncEvent.count({ where: { workspaceId: ids.workspaceId } })).toBe(0);
  });

  it("rejects every delivery of a batch whose commit fails, storing none of them", async () => {
    const ids = await connectionWithSync();
    const writer = createInboxWriter(db);
    const missingSync = [{ syncId: "no-such-sync", side: "a" as const }];
    const results = await Promise.allSettled(
      ["x-1", "x-2"].map((id) => writer.store(change(ids, id), { targets: missingSync })),
    );
    expect(results.map((result) => result.status)).toEqual(["rejected", "rejected"]);
    expect(await db.webhookEvent.count({ where: { workspaceId: ids.workspaceId } })).toBe(0);
  });

  it("stores repeats of a derived delivery id as numbered copies, a bounded number of them", async () => {
    const ids = await connectionWithSync();
    const writer = createInboxWriter(db);
    const targets = [{ syncId: ids.syncId, side: "a" as const }];
    const derived = { derivedDeliveryId: true, targets };
    const first = await writer.store(change(ids, "bamboohr:same"), derived);
    const together = await Promise.all(
      Array.from({ length: 8 }, () => writer.store(change(ids, "bamboohr:same"), derived)),
    );
    expect(first.duplicate).toBe(false);
    expect(together.filter((outcome) => !outcome.duplicate)).toHaveLength(
      MAX_DERIVED_DELIVERY_COPIES - 1,
    );
    const stored = await db.webhookEvent.findMany({
      where: { workspaceId: ids.workspaceId },
      select: { deliveryId: true },
    });
    expect(stored.map((row) => row.deliveryId).sort()).toEqual([
      "bamboohr:same",
      "bamboohr:same#1",
      "bamboohr:same#2",
      "bamboohr:same#3",
      "bamboohr:same#4",
    ]);
    expect(await db.syncEvent.count({ where: { workspaceId: ids.workspaceId } })).toBe(
      MAX_DERIVED_DELIVERY_COPIES,
    );
  });
});
