import { randomBytes, randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  bindingOfConnectionRow,
  createConnection,
  openMigratedDb,
  openSecrets,
  type Db,
} from "@tandem/db";
import { testDatabases } from "@tandem/db/testing";
import {
  startBambooHrSimulator,
  startGustoSimulator,
  type SimulatorHandle,
} from "@tandem/simulators";
import { callerFor, rejection, seedWorkspaces } from "../../test/fixtures";
import { startIngressServer, type IngressServer } from "../../test/ingress-server";
import { handleWebhook } from "../ingress/handle-webhook";
import { editInVendor, eventually } from "../testing/sync-harness";

const secretKey = randomBytes(32);
const connectorAccess = { secretKey, allowPrivateNetwork: true };
const gustoTokens = { companyId: randomUUID(), accessToken: randomUUID(), system: randomUUID() };
const bamboo = { companyDomain: "acme", apiKey: randomUUID() };

interface GustoSubscription {
  uuid: string;
  url: string;
  status: string;
}

interface HeldAnswer {
  /** Which requests to the vendor are answered late. */
  matches: (method: string, url: string, body: string) => boolean;
  /** Called when a matching request has reached the vendor; its answer waits for the promise. */
  answerWhen: () => Promise<void>;
}

/** Holds back the vendor's answer to a new subscription: its handshake then arrives first. */
const NEW_SUBSCRIPTION = (method: string, url: string) =>
  method === "POST" && url === "/v1/webhook_subscriptions";

/**
 * Forwards to the Gusto simulator, holding back its answer to the requests `held` matches
 * until `held.answerWhen` resolves, so tests can order the vendor's answers and ingress.
 */
async function startDelayingProxy(target: string, held: HeldAnswer) {
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(request.headers))
        if (typeof value === "string" && name !== "host" && name !== "content-length")
          headers.set(name, value);
      const hasBody = request.method !== "GET" && request.method !== "DELETE";
      void (async () => {
        const answer = await fetch(`${target}${request.url ?? ""}`, {
          method: request.method,
          headers,
          body: hasBody ? Buffer.concat(chunks) : undefined,
        });
        const body = Buffer.from(await answer.arrayBuffer());
        const sent = Buffer.concat(chunks).toString("utf8");
        if (held.matches(request.method ?? "", request.url ?? "", sent)) await held.answerWhen();
        response
          .writeHead(answer.status, { "content-type": answer.headers.get("content-type") ?? "" })
          .end(body);
      })();
    });
  });
  const url = await new Promise<string>((resolve) => {
    server.listen(0, "127.0.0.1", () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    );
  });
  return { url, close: () => new Promise((resolve) => server.close(resolve)) };
}

describe.each(testDatabases())("webhook registration on $name", (database) => {
  let db: Db;
  let gusto: SimulatorHandle<unknown>;
  let hris: SimulatorHandle<unknown>;
  let ingress: IngressServer;
  const workspaceIds: Record<string, string> = {};

  beforeAll(async () => {
    db = await openMigratedDb(await database.create());
    gusto = await startGustoSimulator({
      companyId: gustoTokens.companyId,
      accessToken: gustoTokens.accessToken,
      systemAccessToken: gustoTokens.system,
      seed: { count: 3, seed: 11 },
    });
    hris = await startBambooHrSimulator({ ...bamboo, seed: { count: 3, seed: 7 } });
    ingress = await startIngressServer({ db, secretKey });
    for (const [slug, workspace] of Object.entries(await seedWorkspaces(db)))
      workspaceIds[slug] = workspace.id;
  });
  afterAll(async () => {
    await Promise.all([gusto?.close(), hris?.close(), ingress?.close()]);
    await db?.$disconnect();
  });

  async function gustoConnection(baseUrl = gusto.url) {
    // No verification token yet: registering from Tandem is how this connection gets one.
    return createConnection(db, secretKey, {
      workspaceId: workspaceIds.north ?? "",
      kind: "gusto",
      name: "Payroll",
      settings: { baseUrl, companyId: gustoTokens.companyId },
      secrets: { accessToken: gustoTokens.accessToken, systemAccessToken: gustoTokens.system },
    });
  }

  async function storedConnection(id: string) {
    const row = await db.connection.findUniqueOrThrow({ where: { id } });
    return {
      settings: JSON.parse(row.settings) as Record<string, unknown>,
      secrets: openSecrets(secretKey, row.secretsSealed, bindingOfConnectionRow(row)),
      sealed: row.secretsSealed,
    };
  }

  async function gustoSubscription(uuid: string): Promise<GustoSubscription> {
    const response = await fetch(`${gusto.url}/v1/webhook_subscriptions/${uuid}`, {
      headers: { authorization: `Bearer ${gustoTokens.system}` },
    });
    return (await response.json()) as GustoSubscription;
  }

  async function storedChange(connectionId: string, externalId: string) {
    return eventually(async () => {
      const events = await db.webhookEvent.findMany({ where: { connectionId, externalId } });
      expect(events).toHaveLength(1);
      return events[0];
    });
  }

  async function firstGustoEmployee(): Promise<string> {
    const response = await fetch(`${gusto.url}/v1/companies/${gustoTokens.companyId}/employees`, {
      headers: { authorization: `Bearer ${gustoTokens.accessToken}` },
    });
    const [first] = (await response.json()) as { uuid: string }[];
    if (!first) throw new Error("the Gusto simulator has no seeded employee");
    return first.uuid;
  }

  it("completes Gusto's handshake at ingress, then stores a change signed with its token", async () => {
    const connection = await gustoConnection();
    ingress.hold(); // the handshake waits until the registration call has returned
    const registered = await callerFor(db, "north", connectorAccess).connections.registerWebhook({
      connectionId: connection.id,
      publicBaseUrl: `${ingress.url}/`,
    });
    expect(registered.status).toBe("pending-verification");
    expect((await gustoSubscription(registered.subscriptionId)).url).toBe(
      `${ingress.url}/api/hooks/${connection.id}`,
    );
    ingress.release();

    await eventually(async () => {
      expect((await gustoSubscription(registered.subscriptionId)).status).toBe("verified");
      expect((await storedConnection(connection.id)).settings.webhookSubscription).toMatchObject({
        subscriptionId: registered.subscriptionId,
        status: "active",
      });
    });
    expect(ingress.answers).toContainEqual(
      expect.objectContaining({ connectionId: connection.id, body: { handshake: "completed" } }),
    );
    const stored = await storedConnection(connection.id);
    const token = stored.secrets.webhookVerificationToken ?? "";
    expect(token).toMatch(/\S{16}/);
    expect(stored.sealed).not.toContain(token);
    expect(JSON.stringify(stored.settings)).not.toContain(token);
    expect(stored.secrets.pendingWebhookVerificationToken).toBeUndefined();
    expect(stored.secrets.pendingWebhookVerificationTokens).toBeUndefined();

    const employee = await firstGustoEmployee();
    await editInVendor(gusto, employee, { last_name: "Verified-Delivery" });
    const change = await storedChange(connection.id, employee);
    expect(change).toMatchObject({ action: "updated", status: "processed" });
    expect(ingress.answers.filter((answer) => answer.status === 401)).toEqual([]);

    await callerFor(db, "north", connectorAccess).connections.unregisterWebhook({
      connectionId: connection.id,
    });
  });

  it("completes the handshake from the registration call when the token arrived first", async () => {
    let handshakeAnswered = false;
    const proxy = await startDelayingProxy(gusto.url, {
      matches: NEW_SUBSCRIPTION,
      answerWhen: () =>
        eventually(() => {
          expect(handshakeAnswered).toBe(true);
          return Promise.resolve();
        }),
    });
    try {
      const connection = await gustoConnection(proxy.url);
      const watching = eventually(() => {
        expect(ingress.answers).toContainEqual(
          expect.objectContaining({ connectionId: connection.id, body: { handshake: "stored" } }),
        );
        handshakeAnswered = true;
        return Promise.resolve();
      });
      const registered = await callerFor(db, "north", connectorAccess).connections.registerWebhook({
        connectionId: connection.id,
        publicBaseUrl: ingress.url,
      });
      await watching;
      expect(registered.status).toBe("active");
      expect((await gustoSubscription(registered.subscriptionId)).status).toBe("verified");
      const stored = await storedConnection(connection.id);
      expect(stored.settings.webhookSubscription).toMatchObject({ status: "active" });
      expect(stored.secrets.webhookVerificationToken).toMatch(/\S{16}/);
      await callerFor(db, "north", connectorAccess).connections.unregisterWebhook({
        connectionId: connection.id,
      });
    } finally {
      await proxy.close();
    }
  });

  /** A handshake posted by someone who knows the ingress URL, through the real ingress code. */
  function forgeHandshake(connectionId: string, token: string) {
    return handleWebhook(
      {
        db,
        secretKey,
        allowPrivateNetwork: true,
        nudger: { nudge: () => Promise.reject(new Error("no Temporal in this test")) },
      },
      connectionId,
      new Headers({ "content-type": "application/json" }),
      JSON.stringify({ verification_token: token }),
    );
  }

  it("a forged handshake after the vendor's, before its id is known, does not displace it", async () => {
    let connectionId = "";
    const proxy = await startDelayingProxy(gusto.url, {
      matches: NEW_SUBSCRIPTION,
      answerWhen: async () => {
        await eventually(() => {
          expect(ingress.answers).toContainEqual(
            expect.objectContaining({ connectionId, body: { handshake: "stored" } }),
          );
          return Promise.resolve();
        });
        expect((await forgeHandshake(connectionId, "forged-late")).body).toEqual({
          handshake: "stored",
        });
      },
    });
    try {
      const connection = await gustoConnection(proxy.url);
      connectionId = connection.id;
      const registered = await callerFor(db, "north", connectorAccess).connections.registerWebhook({
        connectionId: connection.id,
        publicBaseUrl: ingress.url,
      });
      expect(registered.status).toBe("active");
      expect((await gustoSubscription(registered.subscriptionId)).status).toBe("verified");
      const stored = await storedConnection(connection.id);
      expect(stored.secrets.webhookVerificationToken).toMatch(/\S{16}/);
      expect(stored.secrets.webhookVerificationToken).not.toBe("forged-late");
      expect(stored.secrets.pendingWebhookVerificationTokens).toBeUndefined();
      await callerFor(db, "north", connectorAccess).connections.unregisterWebhook({
        connectionId: connection.id,
      });
    } finally {
      await proxy.close();
    }
  });

  it("a forged handshake being checked with the vendor does not shut out the vendor's", async () => {
    let forgedAtVendor = false;
    let connectionId = "";
    const proxy = await startDelayingProxy(gusto.url, {
      matches: (method, url, body) => method === "PUT" && body.includes("forged-first"),
      answerWhen: async () => {
        forgedAtVendor = true;
        // The vendor answers the forgery only once its own token has been confirmed.
        await eventually(() => {
          expect(ingress.answers).toContainEqual(
            expect.objectContaining({ connectionId, body: { handshake: "completed" } }),
          );
          return Promise.resolve();
        }, 10_000);
      },
    });
    try {
      const connection = await gustoConnection(proxy.url);
      connectionId = connection.id;
      ingress.hold(); // the vendor's own handshake waits
      const registered = await callerFor(db, "north", connectorAccess).connections.registerWebhook({
        connectionId: connection.id,
        publicBaseUrl: ingress.url,
      });
      expect(registered.status).toBe("pending-verification");
      const forged = forgeHandshake(connection.id, "forged-first");
      await eventually(() => {
        expect(forgedAtVendor).toBe(true);
        return Promise.resolve();
      });
      ingress.release();
      expect((await forged).status).toBe(502);
      await eventually(async () => {
        expect((await gustoSubscription(registered.subscriptionId)).status).toBe("verified");
      });
      const stored = await storedConnection(connection.id);
      expect(stored.settings.webhookSubscription).toMatchObject({ status: "active" });
      expect(stored.secrets.webhookVerificationToken).toMatch(/\S{16}/);
      expect(stored.secrets.webhookVerificationToken).not.toBe("forged-first");
      await callerFor(db, "north", connectorAccess).connections.unregisterWebhook({
        connectionId: connection.id,
      });
    } finally {
      await proxy.close();
    }
  });

  it("ignores a forged handshake once the subscription is active", async () => {
    const connection = await gustoConnection();
    const registered = await callerFor(db, "north", connectorAccess).connections.registerWebhook({
      connectionId: connection.id,
      publicBaseUrl: ingress.url,
    });
    await eventually(async () => {
      expect((await gustoSubscription(registered.subscriptionId)).status).toBe("verified");
    });
    await eventually(async () => {
      expect((await storedConnection(connection.id)).settings.webhookSubscription).toMatchObject({
        status: "active",
      });
    });
    const before = (await storedConnection(connection.id)).secrets;
    const forged = await fetch(`${ingress.url}/api/hooks/${connection.id}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ verification_token: "forged-token" }),
    });
    expect(await forged.json()).toEqual({ handshake: "ignored" });
    expect((await storedConnection(connection.id)).secrets).toEqual(before);
    await callerFor(db, "north", connectorAccess).connections.unregisterWebhook({
      connectionId: connection.id,
    });
  });

  it("registers with BambooHR, stores its private key sealed, and unregisters", async () => {
    const connection = await createConnection(db, secretKey, {
      workspaceId: workspaceIds.north ?? "",
      kind: "bamboohr",
      name: "HRIS",
      settings: { baseUrl: hris.url, companyDomain: bamboo.companyDomain },
      secrets: { apiKey: bamboo.apiKey },
    });
    const north = callerFor(db, "north", connectorAccess);
    const registered = await north.connections.registerWebhook({
      connectionId: connection.id,
      publicBaseUrl: ingress.url,
    });
    expect(registered.status).toBe("active");
    const stored = await storedConnection(connection.id);
    const privateKey = stored.secrets.webhookPrivateKey ?? "";
    expect(privateKey).toMatch(/\S{8}/);
    expect(stored.sealed).not.toContain(privateKey);
    expect(stored.settings.webhookSubscription).toEqual({
      url: `${ingress.url}/api/hooks/${connection.id}`,
      subscriptionId: registered.subscriptionId,
      status: "active",
    });

    const listWebhooks = async () => {
      const response = await fetch(
        `${hris.url}/api/gateway.php/${bamboo.companyDomain}/v1/webhooks`,
        {
          headers: {
            authorization: `Basic ${Buffer.from(`${bamboo.apiKey}:x`).toString("base64")}`,
            accept: "application/json",
          },
        },
      );
      return (await response.json()) as { webhooks?: { id: string }[] } | { id: string }[];
    };
    expect(JSON.stringify(await listWebhooks())).toContain(registered.subscriptionId);

    const again = await rejection(
      north.connections.registerWebhook({
        connectionId: connection.id,
        publicBaseUrl: ingress.url,
      }),
    );
    expect(again.code).toBe("CONFLICT");

    expect(await north.connections.unregisterWebhook({ connectionId: connection.id })).toEqual({
      removed: true,
    });
    expect(JSON.stringify(await listWebhooks())).not.toContain(registered.subscriptionId);
    expect((await storedConnection(connection.id)).settings.webhookSubscription).toBeUndefined();
    expect(await north.connections.unregisterWebhook({ connectionId: connection.id })).toEqual({
      removed: false,
    });
  });

  it("refuses kinds without a registration API, bad URLs, and other workspaces' connections", async () => {
    const hibob = await createConnection(db, secretKey, {
      workspaceId: workspaceIds.north ?? "",
      kind: "hibob",
      name: "Bob",
      settings: { baseUrl: "http://127.0.0.1:9" },
      secrets: { serviceUserId: "svc", token: randomUUID(), webhookSecret: randomUUID() },
    });
    const north = callerFor(db, "north", connectorAccess);
    const refused = await rejection(
      north.connections.registerWebhook({ connectionId: hibob.id, publicBaseUrl: ingress.url }),
    );
    expect(refused.code).toBe("PRECONDITION_FAILED");
    expect(refused.message).toMatch(/"Bob" \(hibob\) has no webhook registration API/);

    const badUrl = await rejection(
      north.connections.registerWebhook({ connectionId: hibob.id, publicBaseUrl: "ftp://x.test" }),
    );
    expect(badUrl.code).toBe("BAD_REQUEST");

    const payroll = await gustoConnection();
    const south = callerFor(db, "south", connectorAccess);
    // Each call starts only when awaited: a second rejection pending meanwhile would go unhandled.
    for (const call of [
      () =>
        south.connections.registerWebhook({ connectionId: payroll.id, publicBaseUrl: ingress.url }),
      () => south.connections.unregisterWebhook({ connectionId: payroll.id }),
    ]) {
      expect((await rejection(call())).code).toBe("NOT_FOUND");
    }
    expect((await storedConnection(payroll.id)).settings.webhookSubscription).toBeUndefined();
  });
});
