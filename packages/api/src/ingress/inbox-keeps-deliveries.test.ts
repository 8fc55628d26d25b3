import { createHmac, randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createConnection,
  openDelivery,
  openMigratedDb,
  pruneInbox,
  SealedSecretsError,
  type Db,
} from "@tandem/db";
import { testDatabases } from "@tandem/db/testing";
import { handleWebhook, type WebhookIngressDeps } from "./handle-webhook";

const secretKey = randomBytes(32);
const webhookSecret = randomUUID();

const bobSigned = (body: string) =>
  new Headers({
    "Bob-Signature": createHmac("sha512", webhookSecret).update(body).digest("base64"),
    "content-type": "application/json",
    cookie: "tandem_session=not-kept",
  });

describe.each(testDatabases())("the inbox keeps what it received, on $name", (database) => {
  let db: Db;
  let workspaceId: string;
  let connectionId: string;
  const deps = (): WebhookIngressDeps => ({
    db,
    secretKey,
    allowPrivateNetwork: true,
    nudger: { nudge: () => Promise.resolve() },
  });

  beforeAll(async () => {
    db = await openMigratedDb(await database.create());
    const workspace = await db.workspace.create({ data: { slug: "north", name: "north corp" } });
    workspaceId = workspace.id;
    const connection = await createConnection(db, secretKey, {
      workspaceId,
      kind: "hibob",
      name: "HiBob",
      settings: { baseUrl: "http://127.0.0.1:9", serviceUserId: "user" },
      secrets: { token: randomUUID(), webhookSecret },
    });
    connectionId = connection.id;
  });
  afterAll(async () => {
    await db?.$disconnect();
  });

  it("stores each delivery's headers and raw body sealed, bound to its inbox row", async () => {
    const body = JSON.stringify({
      type: "employee.updated",
      triggeredAt: "2026-02-01T09:00:00.001Z",
      data: { employeeId: "7001", displayName: "Katherine Johnson" },
    });
    const answer = await handleWebhook(deps(), connectionId, bobSigned(body), body);
    expect(answer.body).toMatchObject({ accepted: 1 });
    const row = await db.webhookEvent.findFirstOrThrow({
      where: { workspaceId, connectionId, externalId: "7001" },
    });
    expect(row.rawSealed).toBeTruthy();
    expect(row.rawSealed).not.toContain("Katherine");
    const binding = { workspaceId, connectionId, inboxId: row.id };
    const opened = openDelivery(secretKey, row.rawSealed ?? "", binding);
    expect(opened.body).toBe(body);
    expect(opened.headers["bob-signature"]).toBe(bobSigned(body).get("bob-signature"));
    expect(opened.headers.cookie).toBeUndefined();
    expect(() =>
      openDelivery(secretKey, row.rawSealed ?? "", { ...binding, inboxId: randomUUID() }),
    ).toThrow(SealedSecretsError);
    expect(() =>
      openDelivery(secretKey, row.rawSealed ?? "", { ...binding, workspaceId: randomUUID() }),
    ).toThrow(SealedSecretsError);
  });

  it("keeps a signed delivery it cannot parse as failed, with the reason, and acknowledges it once", async () => {
    const body = JSON.stringify({ type: 42, data: "not an event" });
    const first = await handleWebhook(deps(), connectionId, bobSigned(body), body);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ accepted: 0, failed: 1 });
    const again = await handleWebhook(deps(), connectionId, bobSigned(body), body);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ duplicates: 1 });
    const rows = await db.webhookEvent.findMany({
      where: { workspaceId, connectionId, action: "unparseable" },
    });
    expect(rows).toHaveLength(1);
    expect(rows[0]?.status).toBe("failed");
    expect(rows[0]?.error).toMatch(/not a Bob v2 webhook payload/);
    expect(await db.syncEvent.count({ where: { webhookEventId: rows[0]?.id } })).toBe(0);
    const opened = openDelivery(secretKey, rows[0]?.rawSealed ?? "", {
      workspaceId,
      connectionId,
      inboxId: rows[0]?.id ?? "",
    });
    expect(opened.body).toBe(body);
  });

  it("still refuses an unsigned delivery, and stores nothing of it", async () => {
    const before = await db.webhookEvent.count({ where: { connectionId } });
    const body = JSON.stringify({ type: 42 });
    const answer = await handleWebhook(deps(), connectionId, new Headers(), body);
    expect(answer.status).toBe(401);
    expect(await db.webhookEvent.count({ where: { connectionId } })).toBe(before);
  });

  it("prunes settled rows older than the retention, and keeps unsettled and recent ones", async () => {
    const old = new Date(Date.now() - 40 * 86_400_000);
    const row = (deliveryId: string, status: string, receivedAt: Date) => ({
      workspaceId,
      connectionId,
      deliveryId,
      entity: "employee",
      action: "updated",
      externalId: deliveryId,
      changedAt: receivedAt,
      receivedAt,
      status,
      rawSealed: "d1.sealed",
    });
    await db.webhookEvent.createMany({
      data: [
        row("old-processed", "processed", old),
        row("old-failed", "failed", old),
        row("old-queued", "queued", old),
        row("recent-processed", "processed", new Date()),
      ],
    });
    const pruned = await pruneInbox(db, new Date(Date.now() - 30 * 86_400_000), 1);
    expect(pruned).toBe(2);
    const left = await db.webhookEvent.findMany({
      where: {
        workspaceId,
        deliveryId: { in: ["old-processed", "old-failed", "old-queued", "recent-processed"] },
      },
      select: { deliveryId: true },
    });
    expect(left.map((r) => r.deliveryId).sort()).toEqual(["old-queued", "recent-processed"]);
  });
});
