import { createHmac } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import type { SimulatorHandle } from "../shared/vendor-simulator";
import { startWebhookReceiver, type WebhookReceiver } from "../testing/webhook-receiver";
import type { HiBobEmployeeRecord } from "./fields";
import { startHiBobSimulator, type HiBobSimulatorOptions } from "./server";
import { HIBOB_RETRY_MINUTES } from "./webhook";

const SERVICE_USER = "SERVICE-1234";
const TOKEN = "bob-token";
const SECRET = "bob-secret";
const AUTH = `Basic ${Buffer.from(`${SERVICE_USER}:${TOKEN}`).toString("base64")}`;

let simulator: SimulatorHandle<HiBobEmployeeRecord>;
let receiver: WebhookReceiver | undefined;

async function start(
  options: Partial<HiBobSimulatorOptions> & { webhookStatuses?: number[] } = {},
) {
  const { webhookStatuses, ...rest } = options;
  if (webhookStatuses) receiver = await startWebhookReceiver((n) => webhookStatuses[n - 1] ?? 200);
  simulator = await startHiBobSimulator({
    serviceUserId: SERVICE_USER,
    token: TOKEN,
    seed: { count: 3, seed: 5 },
    retrySchedule: [10, 10, 10],
    ...(receiver ? { webhook: { url: receiver.url, secret: SECRET } } : {}),
    ...rest,
  });
}

afterEach(async () => {
  await simulator.close();
  await receiver?.close();
  receiver = undefined;
});

function api(path: string, method: string, body?: unknown, headers: Record<string, string> = {}) {
  return fetch(`${simulator.url}/v1${path}`, {
    method,
    headers: { Authorization: AUTH, "Content-Type": "application/json", ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

function admin(path: string, method = "GET", body?: unknown) {
  return fetch(`${simulator.url}/_admin${path}`, {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

const first = () => simulator.state.employees()[0] as HiBobEmployeeRecord;

describe("HiBob simulator vendor API", () => {
  it("requires HTTP Basic with the service user id and token", async () => {
    await start();
    const noAuth = await fetch(`${simulator.url}/v1/people/search`, { method: "POST" });
    expect(noAuth.status).toBe(401);
    expect(await noAuth.json()).toEqual({
      key: "unauthorized",
      error: "The service user ID or token is invalid.",
    });
    const wrong = `Basic ${Buffer.from(`${SERVICE_USER}:nope`).toString("base64")}`;
    expect((await api("/people/search", "POST", {}, { Authorization: wrong })).status).toBe(401);
    expect((await api("/people/search", "POST", {})).status).toBe(200);
  });

  it("searches everyone in one reply, hides inactive people unless asked, projects fields", async () => {
    await start();
    await admin(`/employees/${first().id}`, "PATCH", { lifecycleStatus: "Terminated" });
    const search = async (body: object) =>
      ((await (await api("/people/search", "POST", body)).json()) as { employees: object[] })
        .employees;

    expect(await search({})).toHaveLength(2);
    expect(await search({ showInactive: true })).toHaveLength(3);
    const [projected] = await search({
      fields: ["root.firstName", "work.startDate", "internal.lifecycleStatus", "no.such"],
      showInactive: true,
      filters: [{ fieldPath: "root.id", operator: "equals", values: [first().id] }],
    });
    expect(projected).toEqual({
      id: first().id,
      firstName: first().firstName,
      work: { startDate: first().work.startDate },
      internal: { lifecycleStatus: "Terminated" },
    });
    const [replaced] = await search({
      fields: ["work.startDate"],
      humanReadable: "REPLACE",
      filters: [{ fieldPath: "root.email", operator: "equals", values: [first().email] }],
      showInactive: true,
    });
    const [year, month, day] = first().work.startDate.split("-");
    expect(replaced).toEqual({ id: first().id, work: { startDate: `${day}/${month}/${year}` } });

    const badFilter = await api("/people/search", "POST", {
      filters: [{ fieldPath: "work.title", operator: "contains", values: ["x"] }],
    });
    expect(badFilter.status).toBe(400);
    expect(await badFilter.json()).toMatchObject({ key: "invalid_request" });
  });

  it("rate-limits people search per minute with 429, Retry-After and X-RateLimit-*", async () => {
    await start({ peopleSearchLimit: { limit: 2, windowMs: 60_000 } });
    const ok = await api("/people/search", "POST", {});
    expect(ok.headers.get("x-ratelimit-limit")).toBe("2");
    expect(ok.headers.get("x-ratelimit-remaining")).toBe("1");
    await api("/people/search", "POST", {});
    const throttled = await api("/people/search", "POST", {});
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get("retry-after"))).toBeGreaterThan(55);
    expect(throttled.headers.get("x-ratelimit-remaining")).toBe("0");
    expect(Number(throttled.headers.get("x-ratelimit-reset"))).toBeGreaterThan(Date.now() / 1000);
    expect(await throttled.json()).toMatchObject({ key: "too_many_requests" });
    // Other endpoints have their own budget.
    expect((await api(`/people/${first().id}`, "POST", {})).status).toBe(200);
    simulator.state.reset();
    expect((await api("/people/search", "POST", {})).status).toBe(200);
  });

  it("reads one person by id or email, 404 otherwise", async () => {
    await start();
    const byEmail = await api(`/people/${encodeURIComponent(first().email.toUpperCase())}`, "POST");
    expect(await byEmail.json()).toMatchObject({ id: first().id, email: first().email });
    const missing = await api("/people/1234567890123456789", "POST", {});
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ key: "not_found" });
  });

  it("creates with Bob's required fields and merges updates like a PATCH", async () => {
    await start();
    const incomplete = await api("/people", "POST", { firstName: "Lin", surname: "Yu" });
    expect(incomplete.status).toBe(400);
    expect(await incomplete.json()).toEqual({
      key: "invalid_request",
      error: "Missing required fields: email, work.site, work.startDate.",
    });
    const created = await api("/people", "POST", {
      firstName: "Lin",
      surname: "Yu",
      email: "Lin.Yu@example.com",
      work: { site: "Berlin", startDate: "2999-01-01", title: "Engineer" },
    });
    expect(created.status).toBe(200);
    const record = (await created.json()) as HiBobEmployeeRecord;
    expect(record).toMatchObject({
      email: "lin.yu@example.com",
      internal: { lifecycleStatus: "Hired", status: "Active" },
    });

    const put = await api(`/people/${record.id}`, "PUT", { work: { department: "R&D" } });
    expect(put.status).toBe(200);
    expect(await put.text()).toBe("");
    const stored = simulator.state.employees().find((entry) => entry.id === record.id);
    expect(stored?.work).toEqual({
      title: "Engineer",
      department: "R&D",
      site: "Berlin",
      startDate: "2999-01-01",
    });
    expect((await api(`/people/${record.id}`, "PUT", { email: "x@example.com" })).status).toBe(400);
    expect((await api(`/people/${record.id}`, "PUT", { work: { startDate: "soon" } })).status).toBe(
      400,
    );
    expect((await api(`/people/${record.id}/email`, "PUT", { email: first().email })).status).toBe(
      400,
    );
    expect(
      (await api(`/people/${record.id}/email`, "PUT", { email: "lin@example.com" })).status,
    ).toBe(200);
  });
});

describe("HiBob simulator webhooks", () => {
  it("signs the v2 payload with a base64 HMAC-SHA512 in Bob-Signature", async () => {
    await start({ webhookStatuses: [] });
    await api(`/people/${first().id}`, "PUT", { work: { title: "Chief Tester" } });
    const delivery = await receiver!.delivery(1);
    expect(delivery.headers["bob-signature"]).toBe(
      createHmac("sha512", SECRET).update(delivery.rawBody).digest("base64"),
    );
    expect(JSON.parse(delivery.rawBody)).toEqual({
      companyId: expect.any(Number) as number,
      type: "employee.updated",
      triggeredBy: expect.stringMatching(/^\d+$/) as string,
      triggeredAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T.*Z$/) as string,
      version: "v2",
      data: { employeeId: first().id, fieldIds: ["work.title"] },
    });
  });

  it("retries any non-2xx with the same bytes until it succeeds", async () => {
    await start({ webhookStatuses: [400, 503, 204] });
    await admin(`/employees/${first().id}`, "PATCH", { lifecycleStatus: "Terminated" });
    await simulator.state.whenWebhooksSettled();
    expect(simulator.state.deliveries.map((attempt) => attempt.status)).toEqual([400, 503, 204]);
    const bodies = new Set(receiver!.received.map((delivery) => delivery.rawBody));
    expect(bodies.size).toBe(1);
    expect(JSON.parse([...bodies][0] ?? "{}")).toMatchObject({ type: "employee.left" });
  });

  it("retries on an exponential schedule of about three days", async () => {
    await start();
    const totalMinutes = HIBOB_RETRY_MINUTES.reduce((sum, minutes) => sum + minutes, 0);
    expect(HIBOB_RETRY_MINUTES.slice(0, 3)).toEqual([1, 2, 4]);
    expect(totalMinutes).toBeLessThanOrEqual(3 * 24 * 60);
    expect(totalMinutes * 2).toBeGreaterThan(3 * 24 * 60);
  });

  it("fires nothing for a write that changes nothing", async () => {
    await start({ webhookStatuses: [] });
    await api(`/people/${first().id}`, "PUT", { firstName: first().firstName });
    await simulator.state.whenWebhooksSettled();
    expect(receiver!.received).toHaveLength(0);
  });
});

describe("HiBob simulator admin API", () => {
  it("edits lifecycle like Bob's UI and validates", async () => {
    await start();
    const patch = (body: object) => admin(`/employees/${first().id}`, "PATCH", body);
    const left = (await (
      await patch({ lifecycleStatus: "Terminated", terminationDate: "2026-02-28" })
    ).json()) as HiBobEmployeeRecord;
    expect(left.internal).toEqual({
      lifecycleStatus: "Terminated",
      status: "Inactive",
      terminationDate: "2026-02-28",
    });
    const back = (await (
      await patch({ lifecycleStatus: "Employed" })
    ).json()) as HiBobEmployeeRecord;
    expect(back.internal).toEqual({
      lifecycleStatus: "Employed",
      status: "Active",
      terminationDate: null,
    });
    expect((await patch({ lifecycleStatus: "Retired" })).status).toBe(400);
    expect((await patch({ surname: "" })).status).toBe(400);
    expect((await admin("/employees/42", "PATCH", { surname: "X" })).status).toBe(404);
    const created = await admin("/employees", "POST", {
      firstName: "New",
      surname: "Person",
      email: "new.person@example.com",
      site: "Paris",
      startDate: "2025-01-01",
    });
    expect(created.status).toBe(201);
  });

  it("serves an editable page titled HiBob simulator", async () => {
    await start();
    const html = await (await admin("/")).text();
    expect(html).toContain("<title>HiBob simulator</title>");
    expect(html).toContain(`<tr data-employee-id="${first().id}">`);
    for (const label of [
      "First name",
      "Last name",
      "Job title",
      "Department",
      "Lifecycle status",
    ]) {
      expect(html).toContain(`aria-label="${label}"`);
    }
    expect(html).toContain('<button type="submit">Save</button>');
  });
});
