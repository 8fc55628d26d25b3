import { createHmac, randomBytes, randomUUID } from "node:crypto";
import { rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createConnection, openMigratedDb, type Db } from "@tandem/db";
import { dropTestDatabase, testDatabases, testPostgresUrl } from "@tandem/db/testing";
import {
  handleWebhook,
  INGRESS_RETRY_AFTER_SECONDS,
  type WebhookIngressDeps,
} from "./handle-webhook";

const secretKey = randomBytes(32);
const webhookSecret = randomUUID();

/** Takes the database away for good: the file's directory, or the PostgreSQL database. */
async function stopDatabase(db: Db, url: string): Promise<void> {
  await db.$disconnect();
  if (url.startsWith("file:")) {
    rmSync(path.dirname(fileURLToPath(url.replace(/^file:/, "file://"))), { recursive: true });
    return;
  }
  const postgres = testPostgresUrl();
  if (!("url" in postgres)) throw new Error("a PostgreSQL test database without a server");
  await dropTestDatabase(postgres.url, url);
}

describe.each(testDatabases())("webhook ingress status codes on $name", (database) => {
  let url: string;
  let db: Db;
  let connectionId: string;
  const logged: string[] = [];

  function deps(overrides: Partial<WebhookIngressDeps> = {}): WebhookIngressDeps {
    return {
      db,
      secretKey,
      allowPrivateNetwork: true,
      nudger: { nudge: () => Promise.reject(new Error("Temporal is not part of this test")) },
      log: (message) => logged.push(message),
      ...overrides,
    };
  }

  beforeAll(async () => {
    url = await database.create();
    db = await openMigratedDb(url);
    const workspace = await db.workspace.create({ data: { slug: "north", name: "north corp" } });
    const connection = await createConnection(db, secretKey, {
      workspaceId: workspace.id,
      kind: "hibob",
      name: "HiBob",
      settings: { baseUrl: "http://127.0.0.1:9", serviceUserId: "user" },
      secrets: { token: randomUUID(), webhookSecret },
    });
    connectionId = connection.id;
  });

  afterAll(async () => {
    await db.$disconnect();
  });

  it("answers 404 only for a connection that does not exist", async () => {
    const answer = await handleWebhook(deps(), randomUUID(), new Headers(), "{}");
    expect(answer.status).toBe(404);
  });

  it("answers 503 with Retry-After when the secret key cannot open the connection", async () => {
    const answer = await handleWebhook(
      deps({ secretKey: randomBytes(32) }),
      connectionId,
      new Headers(),
      "{}",
    );
    expect(answer.status).toBe(503);
    expect(answer.headers?.["Retry-After"]).toBe(String(INGRESS_RETRY_AFTER_SECONDS));
    expect(logged.at(-1)).toContain("could not be opened");
  });

  it("answers 401, not 404 or 503, to a bad signature on a known connection", async () => {
    const answer = await handleWebhook(deps(), connectionId, new Headers(), "{}");
    expect(answer.status).toBe(401);
  });

  it("takes identical signed HiBob bytes as one delivery, however often they are replayed", async () => {
    const body = JSON.stringify({
      companyId: 1,
      type: "employee.updated",
      triggeredAt: "2026-01-31T18:42:00.123Z",
      data: { employeeId: "42", fieldIds: ["work.title"] },
    });
    const signed = new Headers({
      "Bob-Signature": createHmac("sha512", webhookSecret).update(body).digest("base64"),
    });
    const answers = [];
    for (let copy = 0; copy < 4; copy += 1)
      answers.push(await handleWebhook(deps(), connectionId, signed, body));
    expect(answers.map((answer) => answer.body)).toEqual([
      { accepted: 1, duplicates: 0, nudged: true },
      { accepted: 0, duplicates: 1, nudged: true },
      { accepted: 0, duplicates: 1, nudged: true },
      { accepted: 0, duplicates: 1, nudged: true },
    ]);
    expect(await db.webhookEvent.count({ where: { connectionId } })).toBe(1);
  });

  // Last: it takes the database away.
  it("answers 503 with Retry-After, not 404, when the database is down", async () => {
    await stopDatabase(db, url);
    const answer = await handleWebhook(deps(), connectionId, new Headers(), "{}");
    expect(answer.status).toBe(503);
    expect(answer.headers?.["Retry-After"]).toBe(String(INGRESS_RETRY_AFTER_SECONDS));
    expect(answer.body).not.toHaveProperty("reason");
  });
});
