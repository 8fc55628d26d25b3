import { createHmac, randomBytes, randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { request as httpRequest, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHostAllowlist } from "@tandem/config";
import { createConnection, openMigratedDb, type Db } from "@tandem/db";
import { testDatabases } from "@tandem/db/testing";
import { MAX_WEBHOOK_BYTES } from "./handle-webhook";
import { IngressRateLimits } from "./ingress-rate-limits";
import { createIngressServer } from "./ingress-server";

const secretKey = randomBytes(32);
const webhookSecret = randomUUID();

describe.each(testDatabases())("the standalone webhook ingress over HTTP, on $name", (database) => {
  let db: Db;
  let server: Server;
  let base: string;
  let connectionId: string;
  let clock = 0;

  beforeAll(async () => {
    db = await openMigratedDb(await database.create());
    const workspace = await db.workspace.create({ data: { slug: "north", name: "north corp" } });
    const connection = await createConnection(db, secretKey, {
      workspaceId: workspace.id,
      kind: "hibob",
      name: "HiBob",
      settings: { baseUrl: "http://127.0.0.1:9", serviceUserId: "user" },
      secrets: { token: randomUUID(), webhookSecret },
    });
    connectionId = connection.id;
    server = createIngressServer(
      {
        db,
        secretKey,
        allowPrivateNetwork: true,
        nudger: { nudge: () => Promise.resolve() },
      },
      {
        hosts: createHostAllowlist({ publicUrl: "http://127.0.0.1", allowedHosts: "127.0.0.1" }),
        rateLimits: new IngressRateLimits(() => clock, {
          perConnection: { capacity: 3, refillPerSecond: 1, maxKeys: 100 },
          perAddress: { capacity: 100, refillPerSecond: 100, maxKeys: 100 },
        }),
      },
    );
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await db.$disconnect();
  });

  const signed = (body: string) => ({
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      "Bob-Signature": createHmac("sha512", webhookSecret).update(body).digest("base64"),
    },
    body,
  });

  it("stores a signed delivery once and refuses a bad signature, as the web app's route does", async () => {
    const body = JSON.stringify({
      companyId: 1,
      type: "employee.updated",
      triggeredAt: "2026-01-31T18:42:00.123Z",
      data: { employeeId: "42", fieldIds: ["work.title"] },
    });
    const first = await fetch(`${base}/api/hooks/${connectionId}`, signed(body));
    expect([first.status, await first.json()]).toEqual([
      200,
      { accepted: 1, duplicates: 0, nudged: true },
    ]);
    const again = await fetch(`${base}/api/hooks/${connectionId}`, signed(body));
    expect(await again.json()).toMatchObject({ accepted: 0, duplicates: 1 });
    const forged = await fetch(`${base}/api/hooks/${connectionId}`, {
      ...signed(body),
      body: body.replace("42", "43"),
    });
    expect(forged.status).toBe(401);
    expect(await db.webhookEvent.count({ where: { connectionId } })).toBe(1);
  });

  it("refuses an oversized body before buffering it, unknown paths and other methods", async () => {
    clock += 10_000;
    const huge = await fetch(`${base}/api/hooks/${connectionId}`, {
      method: "POST",
      body: "x".repeat(MAX_WEBHOOK_BYTES + 1),
    });
    expect(huge.status).toBe(413);
    expect((await fetch(`${base}/api/other`)).status).toBe(404);
    const get = await fetch(`${base}/api/hooks/${connectionId}`);
    expect([get.status, get.headers.get("allow")]).toEqual([405, "POST"]);
    expect((await fetch(`${base}/api/health`)).status).toBe(200);
  });

  it("answers 429 with Retry-After once a connection's burst is spent", async () => {
    clock += 10_000;
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let attempt = 0; attempt < 4; attempt += 1) {
      const response = await fetch(`${base}/api/hooks/${connectionId}`, signed("{}"));
      statuses.push(response.status);
      retryAfter = response.headers.get("retry-after") ?? retryAfter;
    }
    // Signed but not a change it understands: kept as failed, acknowledged (200).
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(retryAfter).toBe("1");
  });

  it("answers 421 to a Host it does not serve (DNS rebinding), storing nothing", async () => {
    clock += 10_000;
    const before = await db.webhookEvent.count({ where: { connectionId } });
    const body = JSON.stringify({
      companyId: 1,
      type: "employee.updated",
      triggeredAt: "2026-02-01T09:00:00.000Z",
      data: { employeeId: "7", fieldIds: ["work.title"] },
    });
    const { port } = server.address() as AddressInfo;
    for (const host of [`attacker.example:${port}`, `127.0.0.1.attacker.example:${port}`]) {
      const rebound = await post(port, host, `/api/hooks/${connectionId}`, body);
      expect(rebound, host).toMatchObject({ status: 421 });
      expect(JSON.parse(rebound.body)).toMatchObject({ error: /misdirected/ });
    }
    expect(await post(port, `attacker.example:${port}`, "/api/health", "")).toMatchObject({
      status: 421,
    });
    expect(await db.webhookEvent.count({ where: { connectionId } })).toBe(before);
    expect(await post(port, `127.0.0.1:${port}`, `/api/hooks/${connectionId}`, body)).toMatchObject(
      { status: 200 },
    );
  });

  /** A signed POST with the given Host header (fetch sets Host from the URL). */
  function post(port: number, host: string, path: string, body: string) {
    return new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = httpRequest(
        {
          host: "127.0.0.1",
          port,
          path,
          method: "POST",
          headers: {
            ...signed(body).headers,
            Host: host,
            "Content-Length": Buffer.byteLength(body),
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () =>
            resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
          );
        },
      );
      request.once("error", reject);
      request.end(body);
    });
  }
});
