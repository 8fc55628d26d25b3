import { createHmac } from "node:crypto";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { startWebhookReceiver, type WebhookReceiver } from "../testing/webhook-receiver";
import type { SimulatorHandle } from "../shared/vendor-simulator";
import type { BambooHrEmployeeRecord } from "./fields";
import { startBambooHrSimulator } from "./server";

const API_KEY = "bamboo-key";
const SECRET = "bamboo-private-key";
const AUTH = `Basic ${Buffer.from(`${API_KEY}:x`).toString("base64")}`;

let simulator: SimulatorHandle<BambooHrEmployeeRecord>;
let receiver: WebhookReceiver | undefined;

async function start(options: { webhookStatuses?: number[]; retrySchedule?: number[] } = {}) {
  if (options.webhookStatuses) {
    const statuses = options.webhookStatuses;
    receiver = await startWebhookReceiver((n) => statuses[n - 1] ?? 200);
  }
  simulator = await startBambooHrSimulator({
    companyDomain: "acme",
    apiKey: API_KEY,
    seed: { count: 3, seed: 5 },
    retrySchedule: options.retrySchedule ?? [20, 20],
    ...(receiver ? { webhook: { url: receiver.url, secret: SECRET } } : {}),
  });
}

afterEach(async () => {
  await simulator.close();
  await receiver?.close();
  receiver = undefined;
});

function api(path: string, init: RequestInit = {}) {
  return fetch(`${simulator.url}/api/gateway.php/acme/v1${path}`, {
    ...init,
    headers: { Authorization: AUTH, Accept: "application/json", ...init.headers },
  });
}

function admin(path: string, method = "GET", body?: unknown) {
  return fetch(`${simulator.url}/_admin${path}`, {
    method,
    headers: { "Content-Type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

describe("BambooHR simulator vendor API", () => {
  it("requires Basic auth with the API key as user, any password", async () => {
    await start();
    const noAuth = await fetch(`${simulator.url}/api/gateway.php/acme/v1/employees/1`);
    expect(noAuth.status).toBe(401);
    const otherPassword = await api("/employees/1", {
      headers: { Authorization: `Basic ${Buffer.from(`${API_KEY}:anything`).toString("base64")}` },
    });
    expect(otherPassword.status).toBe(200);
    expect((await api("/employees/1", { headers: { Accept: "text/xml" } })).status).toBe(406);
    expect((await fetch(`${simulator.url}/api/gateway.php/other/v1/employees/1`)).status).toBe(404);
  });

  it("reads only the requested fields, with unset dates as 0000-00-00", async () => {
    await start();
    const response = await api("/employees/1?fields=firstName,terminationDate");
    expect(Object.keys((await response.json()) as object)).toEqual([
      "id",
      "firstName",
      "terminationDate",
    ]);
    const someone = simulator.state.employees().find((record) => record.terminationDate === null);
    const json = (await (
      await api(`/employees/${someone?.id}?fields=terminationDate`)
    ).json()) as Record<string, string>;
    expect(json.terminationDate).toBe("0000-00-00");
  });

  it("creates with 201, empty body and Location; rejects blank names with the error header", async () => {
    await start();
    const created = await api("/employees", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ firstName: "Ada", lastName: "Lovelace" }),
    });
    expect(created.status).toBe(201);
    expect(await created.text()).toBe("");
    expect(created.headers.get("location")).toBe(
      `${simulator.url}/api/gateway.php/acme/v1/employees/4`,
    );

    const invalid = await api("/employees/4", {
      method: "POST",
      body: JSON.stringify({ lastName: "" }),
    });
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get("x-bamboohr-error-message")).toBe(
      'Missing required field "lastName".',
    );
    const badStatus = await api("/employees/4", {
      method: "POST",
      body: JSON.stringify({ status: "Gone" }),
    });
    expect(badStatus.status).toBe(409);
  });

  it("answers a bad cursor with BadPage", async () => {
    await start();
    const response = await api("/employees?page%5Bafter%5D=nonsense");
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: { code: "BadPage", message: "page[after] is not a valid cursor." },
    });
  });
});

describe("BambooHR simulator webhooks", () => {
  it("delivers signed created and updated events for an admin create", async () => {
    await start({ webhookStatuses: [] });
    const response = await admin("/employees", "POST", { firstName: "Lin", lastName: "Yu" });
    expect(response.status).toBe(201);
    const [created, updated] = await Promise.all([receiver!.delivery(1), receiver!.delivery(2)]);
    for (const delivery of [created, updated]) {
      const timestamp = String(delivery.headers["x-bamboohr-timestamp"]);
      const expected = createHmac("sha256", SECRET)
        .update(delivery.rawBody + timestamp)
        .digest("hex");
      expect(delivery.headers["x-bamboohr-signature"]).toBe(expected);
    }
    const types = [created, updated].map(
      (delivery) => (JSON.parse(delivery.rawBody) as { type: string }).type,
    );
    expect(types.sort()).toEqual(["employee.created", "employee.updated"]);
    expect(JSON.parse(created.rawBody)).toMatchObject({
      timestamp: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0000$/) as string,
      data: { companyId: 1, employeeId: "4", changedFields: ["firstName", "lastName"] },
    });
  });

  it("retries after a 5xx with the same bytes, then stops on success", async () => {
    await start({ webhookStatuses: [500, 200] });
    await admin("/employees/1", "PATCH", { jobTitle: "Chief Tester" });
    const [first, second] = await Promise.all([receiver!.delivery(1), receiver!.delivery(2)]);
    expect(second.rawBody).toBe(first.rawBody);
    expect(second.headers["x-bamboohr-signature"]).toBe(first.headers["x-bamboohr-signature"]);
    await simulator.state.whenWebhooksSettled();
    expect(simulator.state.deliveries.map(({ attempt, status }) => [attempt, status])).toEqual([
      [1, 500],
      [2, 200],
    ]);
  });

  it("never retries after a 4xx", async () => {
    await start({ webhookStatuses: [404] });
    await admin("/employees/1", "PATCH", { department: "Research" });
    await simulator.state.whenWebhooksSettled();
    expect(receiver!.received).toHaveLength(1);
    expect(simulator.state.deliveries).toEqual([
      expect.objectContaining({ attempt: 1, status: 404, retryInMs: null }),
    ]);
  });

  it("gives up after the schedule runs out", async () => {
    await start({ webhookStatuses: [503, 503, 503], retrySchedule: [10, 10] });
    await admin("/employees/1", "PATCH", { department: "Research" });
    await simulator.state.whenWebhooksSettled();
    expect(receiver!.received).toHaveLength(3);
  });

  it("does not fire for a write that changes nothing", async () => {
    await start({ webhookStatuses: [] });
    const current = simulator.state.employees()[0];
    await api(`/employees/${current?.id}`, {
      method: "POST",
      body: JSON.stringify({ firstName: current?.firstName }),
    });
    await simulator.state.whenWebhooksSettled();
    expect(receiver!.received).toHaveLength(0);
  });

  it("answers the API before a slow receiver has answered the webhook", async () => {
    const held: ServerResponse[] = [];
    let arrived!: () => void;
    const webhookArrived = new Promise<void>((resolve) => (arrived = resolve));
    const slow = createServer((_request, response) => {
      held.push(response);
      arrived();
    });
    await new Promise<void>((resolve) => slow.listen(0, "127.0.0.1", resolve));
    await start();
    simulator.state.setWebhook({
      url: `http://127.0.0.1:${(slow.address() as AddressInfo).port}/`,
      secret: SECRET,
    });

    const response = await api("/employees/1", {
      method: "POST",
      body: JSON.stringify({ jobTitle: "Fast" }),
    });
    expect(response.status).toBe(200);
    await webhookArrived;
    expect(simulator.state.deliveries).toHaveLength(0);
    for (const pending of held) pending.writeHead(200).end();
    await simulator.state.whenWebhooksSettled();
    expect(simulator.state.deliveries[0]?.status).toBe(200);
    slow.closeAllConnections();
    await new Promise((resolve) => slow.close(resolve));
  });
});

describe("BambooHR simulator admin API", () => {
  it("lists, edits, logs requests, sets the webhook and resets", async () => {
    await start();
    const list = (await (await admin("/employees")).json()) as BambooHrEmployeeRecord[];
    expect(list.map((record) => record.id)).toEqual(["1", "2", "3"]);

    const patched = await admin("/employees/2", "PATCH", {
      lastName: "Renamed",
      status: "Inactive",
    });
    expect(await patched.json()).toMatchObject({
      id: "2",
      lastName: "Renamed",
      status: "Inactive",
    });
    expect((await admin("/employees/2", "PATCH", { firstName: "" })).status).toBe(400);
    expect((await admin("/employees/99", "PATCH", { firstName: "X" })).status).toBe(404);

    const target = await admin("/webhook", "PUT", { url: "http://127.0.0.1:9/hooks", secret: "s" });
    expect(target.status).toBe(200);
    expect((await admin("/webhook", "PUT", { url: "ftp://x", secret: "s" })).status).toBe(400);

    const requests = (await (await admin("/requests")).json()) as {
      method: string;
      path: string;
      status: number;
    }[];
    expect(requests.slice(0, 2)).toEqual([
      expect.objectContaining({ method: "GET", path: "/_admin/employees", status: 200 }),
      expect.objectContaining({ method: "PATCH", path: "/_admin/employees/2", status: 200 }),
    ]);

    expect((await admin("/reset", "POST")).status).toBe(200);
    expect(simulator.state.employees().find((record) => record.id === "2")?.lastName).not.toBe(
      "Renamed",
    );
    expect(simulator.state.requests.map((entry) => entry.path)).toEqual(["/_admin/reset"]);
  });

  it("serves an editable HTML page titled after the vendor", async () => {
    await start();
    const page = await admin("/");
    expect(page.headers.get("content-type")).toContain("text/html");
    const html = await page.text();
    expect(html).toContain("<title>BambooHR simulator</title>");
    expect(html).toContain('<tr data-employee-id="1">');
    for (const label of ["First name", "Last name", "Job title", "Department", "Status"]) {
      expect(html).toContain(`aria-label="${label}"`);
    }
    expect(html).toContain('<button type="submit">Save</button>');
  });

  it("escapes record values in the page", async () => {
    await start();
    await admin("/employees/1", "PATCH", { jobTitle: '<script>alert("x")</script>' });
    const html = await (await admin("/")).text();
    expect(html).not.toContain('<script>alert("x")</script>');
    expect(html).toContain("&lt;script&gt;");
  });
});
