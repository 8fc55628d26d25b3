import { createHmac } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import type { SimulatorHandle } from "../shared/vendor-simulator";
import { startWebhookReceiver, type WebhookReceiver } from "../testing/webhook-receiver";
import type { GustoEmployeeRecord } from "./fields";
import { startGustoSimulator } from "./server";

const COMPANY_ID = "3c8e0d2a-5b7f-4e61-a0c9-8d1f2e3b4a5c";
const TOKEN = "gusto-token";
const SECRET = "gusto-verification-token";

let simulator: SimulatorHandle<GustoEmployeeRecord>;
let receiver: WebhookReceiver | undefined;

async function start(webhookStatuses?: number[]) {
  if (webhookStatuses) receiver = await startWebhookReceiver((n) => webhookStatuses[n - 1] ?? 200);
  simulator = await startGustoSimulator({
    companyId: COMPANY_ID,
    accessToken: TOKEN,
    seed: { count: 3, seed: 9 },
    retrySchedule: [20, 20, 20],
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
      "X-Gusto-API-Version": "2025-06-15",
      ...init.headers,
    },
  });
}

function firstEmployee(): GustoEmployeeRecord {
  const record = simulator.state.employees()[0];
  if (!record) throw new Error("empty seed");
  return record;
}

describe("Gusto simulator vendor API", () => {
  it("requires the bearer token", async () => {
    await start();
    const response = await fetch(`${simulator.url}/v1/employees/${firstEmployee().uuid}`);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({
      errors: [{ category: "invalid_authorization" }],
    });
  });

  it("pages the company's employees with X-Page headers", async () => {
    await start();
    const response = await api(`/companies/${COMPANY_ID}/employees?page=2&per=2`);
    expect(response.headers.get("x-page")).toBe("2");
    expect(response.headers.get("x-per-page")).toBe("2");
    expect(response.headers.get("x-total-count")).toBe("3");
    expect(response.headers.get("x-total-pages")).toBe("2");
    expect((await response.json()) as unknown[]).toHaveLength(1);
    expect((await api(`/companies/other/employees`)).status).toBe(404);
  });

  it("creates with 422 on blank names and a 32-hex version otherwise", async () => {
    await start();
    const invalid = await api(`/companies/${COMPANY_ID}/employees`, {
      method: "POST",
      body: JSON.stringify({ first_name: "", last_name: "Doe" }),
    });
    expect(invalid.status).toBe(422);
    expect(await invalid.json()).toEqual({
      errors: [
        {
          error_key: "first_name",
          category: "invalid_attribute_value",
          message: "First name can't be blank",
        },
      ],
    });
    const created = await api(`/companies/${COMPANY_ID}/employees`, {
      method: "POST",
      body: JSON.stringify({ first_name: "Jo", last_name: "Doe", work_email: "jo@example.com" }),
    });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({
      version: expect.stringMatching(/^[0-9a-f]{32}$/) as string,
      onboarded: false,
      terminated: false,
      company_uuid: COMPANY_ID,
    });
  });

  it("requires the current version on PUT: 422 without, 409 when stale, a new version on success", async () => {
    await start();
    const { uuid, version } = firstEmployee();
    const put = (body: object) =>
      api(`/employees/${uuid}`, { method: "PUT", body: JSON.stringify(body) });

    expect((await put({ first_name: "X" })).status).toBe(422);
    const stale = await put({ version: "0".repeat(32), first_name: "X" });
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ errors: [{ error_key: "version" }] });

    const ok = await put({ version, first_name: "X" });
    expect(ok.status).toBe(200);
    const updated = (await ok.json()) as GustoEmployeeRecord;
    expect(updated.first_name).toBe("X");
    expect(updated.version).not.toBe(version);
    expect((await put({ version, first_name: "Y" })).status).toBe(409);
  });

  it("terminates once; a second termination is a 422", async () => {
    await start();
    const { uuid } = simulator.state.employees().find((record) => !record.terminated)!;
    const terminate = () =>
      api(`/employees/${uuid}/terminations`, {
        method: "POST",
        body: JSON.stringify({ effective_date: "2026-03-31" }),
      });
    const first = await terminate();
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({ effective_date: "2026-03-31", active: true });
    expect((await terminate()).status).toBe(422);
    expect(simulator.state.employees().find((record) => record.uuid === uuid)?.terminated).toBe(
      true,
    );
  });

  it("replays the first success for a repeated Idempotency-Key", async () => {
    await start();
    const create = () =>
      api(`/companies/${COMPANY_ID}/employees`, {
        method: "POST",
        headers: { "Idempotency-Key": "k-1" },
        body: JSON.stringify({ first_name: "Once", last_name: "Only" }),
      });
    const first = (await (await create()).json()) as GustoEmployeeRecord;
    const second = (await (await create()).json()) as GustoEmployeeRecord;
    expect(second.uuid).toBe(first.uuid);
    expect(simulator.state.employees()).toHaveLength(4);
  });
});

describe("Gusto simulator webhooks", () => {
  it("signs the thin event payload with the verification token", async () => {
    await start([]);
    const { uuid } = firstEmployee();
    await fetch(`${simulator.url}/_admin/employees/${uuid}`, {
      method: "PATCH",
      body: JSON.stringify({ status: "terminated" }),
    });
    const delivery = await receiver!.delivery(1);
    expect(delivery.headers["x-gusto-signature"]).toBe(
      createHmac("sha256", SECRET).update(delivery.rawBody).digest("hex"),
    );
    expect(JSON.parse(delivery.rawBody)).toEqual({
      uuid: expect.stringMatching(/^[0-9a-f-]{36}$/) as string,
      event_type: "employee.terminated",
      resource_type: "Company",
      resource_uuid: COMPANY_ID,
      entity_type: "Employee",
      entity_uuid: uuid,
      timestamp: expect.any(Number) as number,
    });
  });

  it("retries any non-2xx, including a 4xx, with the same event uuid", async () => {
    await start([400, 500, 204]);
    const { uuid, version } = firstEmployee();
    await api(`/employees/${uuid}`, {
      method: "PUT",
      body: JSON.stringify({ version, department: "Legal" }),
    });
    await simulator.state.whenWebhooksSettled();
    expect(receiver!.received).toHaveLength(3);
    const ids = receiver!.received.map(
      (delivery) => (JSON.parse(delivery.rawBody) as { uuid: string }).uuid,
    );
    expect(new Set(ids).size).toBe(1);
    expect(simulator.state.deliveries.map((attempt) => attempt.status)).toEqual([400, 500, 204]);
  });
});

describe("Gusto simulator admin API", () => {
  it("edits job title, onboarding and status like the Gusto UI", async () => {
    await start();
    const { uuid } = firstEmployee();
    const patch = (body: object) =>
      fetch(`${simulator.url}/_admin/employees/${uuid}`, {
        method: "PATCH",
        body: JSON.stringify(body),
      });

    const edited = (await (
      await patch({ job_title: "CFO", status: "onboarding" })
    ).json()) as GustoEmployeeRecord;
    expect(edited.jobs[0]?.title).toBe("CFO");
    expect(edited.onboarded).toBe(false);
    const rehired = (await (await patch({ status: "terminated" })).json()) as GustoEmployeeRecord;
    expect(rehired.terminated).toBe(true);
    const back = (await (await patch({ status: "active" })).json()) as GustoEmployeeRecord;
    expect(back).toMatchObject({ terminated: false, onboarded: true });
    expect((await patch({ last_name: "" })).status).toBe(422);
    expect((await patch({ status: "retired" })).status).toBe(422);
  });

  it("serves the page titled Gusto simulator", async () => {
    await start();
    const html = await (await fetch(`${simulator.url}/_admin/`)).text();
    expect(html).toContain("<title>Gusto simulator</title>");
    expect(html).toContain(`<tr data-employee-id="${firstEmployee().uuid}">`);
    expect(html).toContain('aria-label="Job title"');
  });
});
