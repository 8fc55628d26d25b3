// `GET /v1/events` over real HTTP: the simulator's event log, paged with starting_after_uuid
// and X-Has-Next-Page, filtered, sorted, under the fault knobs, and bounded.
import { afterEach, describe, expect, it } from "vitest";
import type { SimulatorHandle } from "../shared/vendor-simulator";
import { startWebhookReceiver, type WebhookReceiver } from "../testing/webhook-receiver";
import { GustoEventLog, type GustoEvent } from "./events";
import type { GustoEmployeeRecord } from "./fields";
import { startGustoSimulator } from "./server";

const COMPANY_ID = "7d2a9c4e-1b3f-4a5d-8e6f-0a1b2c3d4e5f";
const TOKEN = "gusto-company-token";
const SYSTEM_TOKEN = "gusto-system-token";

let simulator: SimulatorHandle<GustoEmployeeRecord>;
let receiver: WebhookReceiver | undefined;

async function start(options: { receiver?: boolean } = {}) {
  if (options.receiver) receiver = await startWebhookReceiver();
  simulator = await startGustoSimulator({
    companyId: COMPANY_ID,
    accessToken: TOKEN,
    systemAccessToken: SYSTEM_TOKEN,
    seed: { count: 3, seed: 4 },
    ...(receiver ? { webhook: { url: receiver.url, secret: "verification-token" } } : {}),
  });
}

function events(query = "", token = SYSTEM_TOKEN) {
  return fetch(`${simulator.url}/v1/events${query}`, {
    headers: { Authorization: `Bearer ${token}`, "X-Gusto-API-Version": "2025-06-15" },
  });
}

async function eventsPage(query = "") {
  const response = await events(query);
  expect(response.status).toBe(200);
  return {
    items: (await response.json()) as GustoEvent[],
    hasNext: response.headers.get("x-has-next-page"),
  };
}

/** Renames each seeded employee through the admin API: one `employee.updated` each. */
async function renameAll(): Promise<string[]> {
  const uuids = simulator.state.employees().map((record) => record.uuid);
  for (const [index, uuid] of uuids.entries()) {
    const response = await fetch(`${simulator.url}/_admin/employees/${uuid}`, {
      method: "PATCH",
      body: JSON.stringify({ first_name: `Renamed${index}` }),
    });
    expect(response.status).toBe(200);
  }
  return uuids;
}

describe("Gusto simulator GET /v1/events", () => {
  afterEach(async () => {
    await simulator.close();
    await receiver?.close();
    receiver = undefined;
  });

  it("takes the system access token, not the company token", async () => {
    await start();
    const response = await events("", TOKEN);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({
      errors: [{ category: "invalid_authorization" }],
    });
  });

  it("lists every change oldest first, shaped as the webhook payload, paged after a uuid", async () => {
    await start();
    expect(await eventsPage()).toEqual({ items: [], hasNext: "false" });
    const uuids = await renameAll();

    const first = await eventsPage("?limit=2");
    expect(first.hasNext).toBe("true");
    expect(first.items).toEqual(
      uuids.slice(0, 2).map((uuid) => ({
        uuid: expect.stringMatching(/^[0-9a-f-]{36}$/) as string,
        event_type: "employee.updated",
        resource_type: "Company",
        resource_uuid: COMPANY_ID,
        entity_type: "Employee",
        entity_uuid: uuid,
        timestamp: expect.any(Number) as number,
      })),
    );
    const second = await eventsPage(`?limit=2&starting_after_uuid=${first.items[1]?.uuid}`);
    expect(second.hasNext).toBe("false");
    expect(second.items.map((event) => event.entity_uuid)).toEqual(uuids.slice(2));
    // 25 a page by default.
    expect((await eventsPage()).items).toHaveLength(3);
  });

  it("sorts newest first with sort_order=desc, the cursor paging towards older events", async () => {
    await start();
    const uuids = await renameAll();
    const first = await eventsPage("?sort_order=desc&limit=2");
    expect(first.items.map((event) => event.entity_uuid)).toEqual([uuids[2], uuids[1]]);
    expect(first.hasNext).toBe("true");
    const second = await eventsPage(
      `?sort_order=desc&limit=2&starting_after_uuid=${first.items[1]?.uuid}`,
    );
    expect(second).toEqual({
      items: [expect.objectContaining({ entity_uuid: uuids[0] }) as GustoEvent],
      hasNext: "false",
    });
    const timestamps = (await eventsPage("?sort_order=desc")).items.map((e) => e.timestamp);
    expect(timestamps).toEqual([...timestamps].sort((a, b) => b - a));
  });

  it("filters by resource_uuid and event_type", async () => {
    await start();
    const [uuid] = await renameAll();
    await fetch(`${simulator.url}/_admin/employees/${uuid}`, {
      method: "PATCH",
      body: JSON.stringify({ status: "terminated" }),
    });
    expect((await eventsPage(`?resource_uuid=${COMPANY_ID}`)).items).toHaveLength(4);
    expect(await eventsPage("?resource_uuid=another-company")).toEqual({
      items: [],
      hasNext: "false",
    });
    const terminated = await eventsPage("?event_type=employee.terminated");
    expect(terminated.items.map((event) => [event.event_type, event.entity_uuid])).toEqual([
      ["employee.terminated", uuid],
    ]);
    // The filters apply after the cursor: one more employee.updated after the first one.
    const all = (await eventsPage()).items;
    const after = await eventsPage(
      `?event_type=employee.updated&limit=1&starting_after_uuid=${all[0]?.uuid}`,
    );
    expect(after.items.map((event) => event.uuid)).toEqual([all[1]?.uuid]);
    expect(after.hasNext).toBe("true");
  });

  it("lists an event whose webhook was dropped; a delivered webhook carries the listed event", async () => {
    await start({ receiver: true });
    const [dropped, delivered] = simulator.state.employees().map((record) => record.uuid);
    simulator.state.setFaults({ webhooks: { dropRate: 1 } });
    await fetch(`${simulator.url}/_admin/employees/${dropped}`, {
      method: "PATCH",
      body: JSON.stringify({ department: "Dropped" }),
    });
    simulator.state.setFaults({ webhooks: { dropRate: 0 } });
    await fetch(`${simulator.url}/_admin/employees/${delivered}`, {
      method: "PATCH",
      body: JSON.stringify({ department: "Delivered" }),
    });
    const webhook = JSON.parse((await receiver!.delivery(1)).rawBody) as GustoEvent;
    await simulator.state.whenWebhooksSettled();
    expect(simulator.state.deliveries[0]?.error).toBe("dropped (fault injection)");
    expect(receiver!.received).toHaveLength(1);

    const listed = (await eventsPage()).items;
    expect(listed.map((event) => event.entity_uuid)).toEqual([dropped, delivered]);
    expect(listed[1]).toEqual(webhook);
  });

  it("answers bad parameters with 422 in Gusto's error shape", async () => {
    await start();
    for (const [query, key] of [
      ["?limit=0", "limit"],
      ["?limit=101", "limit"],
      ["?limit=ten", "limit"],
      ["?sort_order=newest", "sort_order"],
      ["?starting_after_uuid=00000000-0000-4000-8000-000000000000", "starting_after_uuid"],
    ] as const) {
      const response = await events(query);
      expect(response.status, query).toBe(422);
      expect(await response.json(), query).toEqual({
        errors: [
          {
            error_key: key,
            category: "invalid_attribute_value",
            message: expect.any(String) as string,
          },
        ],
      });
    }
    expect((await eventsPage("?limit=100")).hasNext).toBe("false");
  });

  it("meets the rate limit and malformedRate like every other endpoint", async () => {
    await start();
    await renameAll();
    simulator.state.setFaults({ malformedRate: 1 });
    const cut = await events();
    expect(cut.status).toBe(200);
    await expect(cut.json()).rejects.toThrow();

    simulator.state.setFaults({ malformedRate: 0, rateLimit: { enabled: true, limit: 1 } });
    const admitted = await events();
    expect(admitted.status).toBe(200);
    expect(admitted.headers.get("x-ratelimit-limit")).toBe("1");
    const throttled = await events();
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await throttled.json()).toMatchObject({
      errors: [{ category: "rate_limit_exceeded" }],
    });
  });

  it("starts a new history on reset", async () => {
    await start();
    await renameAll();
    simulator.state.reset();
    expect((await eventsPage()).items).toEqual([]);
  });
});

describe("GustoEventLog", () => {
  it("keeps only the latest events past its bound", () => {
    const log = new GustoEventLog(COMPANY_ID, 2);
    for (const entityUuid of ["a", "b", "c"]) {
      log.record({ eventType: "employee.updated", entityType: "Employee", entityUuid });
    }
    expect(log.list().map((event) => event.entity_uuid)).toEqual(["b", "c"]);
  });
});
