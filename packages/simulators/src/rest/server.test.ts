import { createHmac } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import type { SimulatorHandle } from "../shared/vendor-simulator";
import { startWebhookReceiver, type WebhookReceiver } from "../testing/webhook-receiver";
import type { RestEmployeeRecord } from "./fields";
import { startRestSimulator } from "./server";
import { STANDARD_WEBHOOKS_RETRY_MINUTES } from "./webhook";

const TOKEN = "rest-token";
const KEY = Buffer.from("simulator-test-signing-key-0123");
const SECRET = `whsec_${KEY.toString("base64")}`;

let simulator: SimulatorHandle<RestEmployeeRecord>;
let receiver: WebhookReceiver | undefined;

async function start(webhookStatuses?: number[], retrySchedule = [20, 20, 20]) {
  if (webhookStatuses) receiver = await startWebhookReceiver((n) => webhookStatuses[n - 1] ?? 200);
  simulator = await startRestSimulator({
    accessToken: TOKEN,
    seed: { count: 5, seed: 3 },
    retrySchedule,
    ...(receiver ? { webhook: { url: receiver.url, secret: SECRET } } : {}),
  });
}

afterEach(async () => {
  await simulator.close();
  await receiver?.close();
  receiver = undefined;
});

function api(path: string, init: RequestInit = {}) {
  return fetch(`${simulator.url}/v1${path}`, {
    ...init,
    headers: {
      Authorization: `Bearer ${TOKEN}`,
      "Content-Type": "application/json",
      ...init.headers,
    },
  });
}

function admin(id: string, patch: Record<string, unknown>) {
  return fetch(`${simulator.url}/_admin/employees/${id}`, {
    method: "PATCH",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(patch),
  });
}

function firstEmployee(): RestEmployeeRecord {
  const record = simulator.state.employees()[0];
  if (!record) throw new Error("empty seed");
  return record;
}

function expectedSignature(id: string, timestamp: string, body: string): string {
  return `v1,${createHmac("sha256", KEY).update(`${id}.${timestamp}.${body}`).digest("base64")}`;
}

describe("REST simulator vendor API", () => {
  it("requires the bearer token", async () => {
    await start();
    const response = await fetch(`${simulator.url}/v1/employees`);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      error: { code: "unauthorized", message: "Missing or invalid bearer token" },
    });
  });

  it("pages with limit and an opaque cursor, and refuses a bad cursor or limit", async () => {
    await start();
    const first = (await (await api("/employees?limit=2")).json()) as {
      data: RestEmployeeRecord[];
      next_cursor: string | null;
    };
    expect(first.data).toHaveLength(2);
    expect(first.next_cursor).toEqual(expect.any(String));
    const rest = (await (await api(`/employees?limit=3&cursor=${first.next_cursor}`)).json()) as {
      data: RestEmployeeRecord[];
      next_cursor: string | null;
    };
    expect(rest.data).toHaveLength(3);
    expect(rest.next_cursor).toBeNull();
    expect([...first.data, ...rest.data].map((record) => record.id)).toEqual(
      simulator.state.employees().map((record) => record.id),
    );

    const badCursor = await api("/employees?cursor=bm9wZQ");
    expect(badCursor.status).toBe(400);
    expect(await badCursor.json()).toMatchObject({ error: { code: "invalid_cursor" } });
    expect((await api("/employees?limit=101")).status).toBe(400);
  });

  it("creates with 201 and Location, patches, replaces, and answers 404", async () => {
    await start();
    const created = await api("/employees", {
      method: "POST",
      body: JSON.stringify({ name: { first: "Ada", last: "Lovelace" }, status: "PENDING" }),
    });
    expect(created.status).toBe(201);
    const record = (await created.json()) as RestEmployeeRecord;
    expect(created.headers.get("location")).toBe(`/v1/employees/${record.id}`);
    expect(record).toMatchObject({ name: { first: "Ada", preferred: null }, status: "PENDING" });

    const patched = await api(`/employees/${record.id}`, {
      method: "PATCH",
      body: JSON.stringify({ job_title: "Analyst" }),
    });
    expect(await patched.json()).toMatchObject({
      name: { last: "Lovelace" },
      job_title: "Analyst",
    });

    const replaced = await api(`/employees/${record.id}`, {
      method: "PUT",
      body: JSON.stringify({ id: record.id, name: { first: "Ada", last: "King" } }),
    });
    // PUT replaces: what the body leaves out is cleared and status falls back to ACTIVE.
    expect(await replaced.json()).toMatchObject({
      name: { last: "King" },
      job_title: null,
      status: "ACTIVE",
    });
    expect((await api("/employees/emp_missing")).status).toBe(404);
  });

  it("answers 422 with one detail per bad field, and 400 for malformed JSON", async () => {
    await start();
    const response = await api("/employees", {
      method: "POST",
      body: JSON.stringify({
        name: { first: "Ada" },
        work_email: "not-an-email",
        start_date: "01/03/2024",
        status: "RETIRED",
      }),
    });
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({
      error: {
        code: "validation_failed",
        message: "Validation failed",
        details: [
          { field: "name.last", message: "is required" },
          { field: "work_email", message: "must be an email address" },
          { field: "start_date", message: "must be a date (YYYY-MM-DD)" },
          { field: "status", message: "must be one of ACTIVE, ON_LEAVE, TERMINATED, PENDING" },
        ],
      },
    });
    const malformed = await api("/employees", { method: "POST", body: "{" });
    expect(malformed.status).toBe(400);
    expect(simulator.state.employees()).toHaveLength(5);
  });

  it("replays the first response for a repeated Idempotency-Key", async () => {
    await start();
    const create = () =>
      api("/employees", {
        method: "POST",
        headers: { "Idempotency-Key": "once" },
        body: JSON.stringify({ name: { first: "Ada", last: "Lovelace" } }),
      });
    const first = (await (await create()).json()) as RestEmployeeRecord;
    const second = await create();
    expect(second.status).toBe(201);
    expect(second.headers.get("location")).toBe(`/v1/employees/${first.id}`);
    expect(((await second.json()) as RestEmployeeRecord).id).toBe(first.id);
    expect(simulator.state.employees()).toHaveLength(6);
  });
});

describe("REST simulator webhooks (Standard Webhooks)", () => {
  it("signs each delivery over id.timestamp.body with the whsec_ key", async () => {
    await start([200]);
    const someone = firstEmployee();
    expect((await admin(someone.id, { department: "Finance" })).status).toBe(200);
    const delivery = await receiver!.delivery(1);
    const id = String(delivery.headers["webhook-id"]);
    const timestamp = String(delivery.headers["webhook-timestamp"]);
    expect(JSON.parse(delivery.rawBody)).toEqual({
      type: "employee.updated",
      timestamp: expect.any(String) as string,
      data: { id: someone.id },
    });
    expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(5);
    expect(delivery.headers["webhook-signature"]).toBe(
      expectedSignature(id, timestamp, delivery.rawBody),
    );
  });

  it("a write that changes nothing sends nothing", async () => {
    await start([200]);
    const someone = firstEmployee();
    await admin(someone.id, { first_name: someone.name.first });
    await simulator.state.whenWebhooksSettled();
    expect(receiver!.received).toHaveLength(0);
  });

  it("retries failures with the same webhook-id, signing each attempt afresh", async () => {
    await start([500, 302, 200]);
    await admin(firstEmployee().id, { job_title: "Lead" });
    await simulator.state.whenWebhooksSettled();
    const deliveries = receiver!.received;
    expect(deliveries).toHaveLength(3);
    const ids = new Set(deliveries.map((delivery) => delivery.headers["webhook-id"]));
    expect(ids.size).toBe(1);
    for (const delivery of deliveries) {
      expect(delivery.headers["webhook-signature"]).toBe(
        expectedSignature(
          String(delivery.headers["webhook-id"]),
          String(delivery.headers["webhook-timestamp"]),
          delivery.rawBody,
        ),
      );
    }
    expect(simulator.state.deliveries.map((attempt) => attempt.status)).toEqual([500, 302, 200]);
  });

  it("a 410 disables the endpoint until a webhook target is set again", async () => {
    await start([410, 200]);
    const someone = firstEmployee();
    await admin(someone.id, { job_title: "First" });
    await simulator.state.whenWebhooksSettled();
    expect(simulator.state.deliveries).toEqual([
      expect.objectContaining({ attempt: 1, status: 410, retryInMs: null }),
    ]);

    await admin(someone.id, { job_title: "Second" });
    await simulator.state.whenWebhooksSettled();
    expect(receiver!.received).toHaveLength(1);

    const register = await fetch(`${simulator.url}/_admin/webhook`, {
      method: "PUT",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ url: receiver!.url, secret: SECRET }),
    });
    expect(register.status).toBe(200);
    await admin(someone.id, { job_title: "Third" });
    await receiver!.delivery(2);
    expect(receiver!.received).toHaveLength(2);
  });

  it("scales the spec's retry schedule by timeScale", async () => {
    expect(STANDARD_WEBHOOKS_RETRY_MINUTES.map((minutes) => minutes * 60)).toEqual([
      5, 300, 1800, 7200, 18000, 36000, 50400, 72000, 86400,
    ]);
    receiver = await startWebhookReceiver(() => 503);
    simulator = await startRestSimulator({
      accessToken: TOKEN,
      seed: { count: 1, seed: 1 },
      timeScale: 1 / 600,
      webhook: { url: receiver.url, secret: SECRET },
    });
    await admin(firstEmployee().id, { job_title: "Lead" });
    await receiver.delivery(2);
    expect(simulator.state.deliveries[0]?.retryInMs).toBe(8);
    await receiver.delivery(3);
    expect(simulator.state.deliveries[1]?.retryInMs).toBe(500);
  });
});

describe("REST simulator admin page", () => {
  it("lists employees as editable rows with labelled inputs and a Save button", async () => {
    await start();
    const html = await (await fetch(`${simulator.url}/_admin`)).text();
    const someone = firstEmployee();
    expect(html).toContain(`<tr data-employee-id="${someone.id}">`);
    expect(html).toContain('aria-label="Last name"');
    expect(html).toContain('<option value="ON_LEAVE"');
    expect(html).toContain(">Save</button>");
  });

  it("refuses an invalid admin edit with 422", async () => {
    await start();
    const response = await admin(firstEmployee().id, { status: "RETIRED", last_name: "" });
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({
      error:
        "last_name must be a non-blank string; status must be one of ACTIVE, ON_LEAVE, TERMINATED, PENDING",
    });
  });
});
