import { afterEach, describe, expect, it } from "vitest";
import { startBambooHrSimulator } from "../bamboohr/server";
import { startGustoSimulator } from "../gusto/server";
import { startWebhookReceiver, type WebhookReceiver } from "../testing/webhook-receiver";
import type { FaultSettingsInput } from "./faults";
import type { SimulatorHandle } from "./vendor-simulator";

const COMPANY_ID = "0b7e4c1a-9f3d-4e2b-8a6c-5d1f0e9b3a27";
const GUSTO_AUTH = { Authorization: "Bearer t" };
const BAMBOO_AUTH = {
  Authorization: `Basic ${Buffer.from("k:x").toString("base64")}`,
  Accept: "application/json",
};

let simulator: SimulatorHandle<unknown>;
let receiver: WebhookReceiver | undefined;

afterEach(async () => {
  await simulator.close();
  await receiver?.close();
  receiver = undefined;
});

async function startGusto(faults: FaultSettingsInput = {}) {
  simulator = await startGustoSimulator({
    companyId: COMPANY_ID,
    accessToken: "t",
    seed: { count: 3, seed: 2 },
    faults,
  });
}

const gustoList = () =>
  fetch(`${simulator.url}/v1/companies/${COMPANY_ID}/employees`, { headers: GUSTO_AUTH });

function putFaults(body: unknown) {
  return fetch(`${simulator.url}/_admin/faults`, {
    method: "PUT",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
}

describe("fault knobs", () => {
  it("are off by default and listed by GET /_admin/faults", async () => {
    await startGusto();
    const faults = await (await fetch(`${simulator.url}/_admin/faults`)).json();
    expect(faults).toEqual({
      seed: 1,
      latency: { fixedMs: 0, jitterMs: 0 },
      errorRate: 0,
      lostAnswerRate: 0,
      malformedRate: 0,
      downtime: [],
      rateLimit: { enabled: false },
      webhooks: { duplicateRate: 0, outOfOrderRate: 0, dropRate: 0, holdMaxMs: 1000 },
    });
    expect((await gustoList()).headers.get("x-ratelimit-limit")).toBeNull();
    expect((await putFaults({ errorRate: 2 })).status).toBe(400);
    expect((await putFaults({ bogus: true })).status).toBe(400);
  });

  it("rate-limits Gusto like Gusto: 429, Retry-After and X-RateLimit-* headers", async () => {
    await startGusto({ rateLimit: { enabled: true, limit: 2, windowMs: 60_000 } });
    const first = await gustoList();
    expect(first.status).toBe(200);
    expect(first.headers.get("x-ratelimit-limit")).toBe("2");
    expect(first.headers.get("x-ratelimit-remaining")).toBe("1");
    expect(first.headers.get("retry-after")).toBeNull();
    expect((await gustoList()).headers.get("x-ratelimit-remaining")).toBe("0");
    // The admin API is not the vendor's and is never throttled.
    expect((await fetch(`${simulator.url}/_admin/employees`)).status).toBe(200);
    const throttled = await gustoList();
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get("retry-after"))).toBeGreaterThan(55);
    expect(throttled.headers.get("x-ratelimit-remaining")).toBe("0");
    expect(Date.parse(throttled.headers.get("x-ratelimit-reset") ?? "")).toBeGreaterThan(
      Date.now(),
    );
    expect(await throttled.json()).toMatchObject({
      errors: [{ category: "rate_limit_exceeded" }],
    });
  });

  it("throttles BambooHR with 503, Retry-After and the error header", async () => {
    simulator = await startBambooHrSimulator({
      companyDomain: "acme",
      apiKey: "k",
      seed: { count: 2, seed: 1 },
      faults: { rateLimit: { enabled: true, limit: 1, windowMs: 2_000 } },
    });
    const read = () =>
      fetch(`${simulator.url}/api/gateway.php/acme/v1/employees/1`, { headers: BAMBOO_AUTH });
    expect((await read()).status).toBe(200);
    const throttled = await read();
    expect(throttled.status).toBe(503);
    expect(throttled.headers.get("retry-after")).toBe("2");
    expect(throttled.headers.get("x-bamboohr-error-message")).toContain("Too many requests");
    expect(await throttled.text()).toBe("");
  });

  it("answers every vendor request 503 with Retry-After during a downtime window", async () => {
    await startGusto();
    const from = new Date(Date.now() - 1000).toISOString();
    const until = new Date(Date.now() + 4_500).toISOString();
    const updated = await putFaults({ downtime: [{ from, until }] });
    expect(updated.status).toBe(200);
    expect(await updated.json()).toMatchObject({ downtime: [{ from, until }] });
    const down = await gustoList();
    expect(down.status).toBe(503);
    expect(down.headers.get("retry-after")).toBe("5");
    expect((await fetch(`${simulator.url}/_admin/employees`)).status).toBe(200);
    await putFaults({ downtime: [] });
    expect((await gustoList()).status).toBe(200);
  });

  it("fails a seeded, reproducible fraction of requests with 500 or 503", async () => {
    await startGusto({ errorRate: 0.5, seed: 7 });
    const run = async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 20; i++) statuses.push((await gustoList()).status);
      return statuses;
    };
    const first = await run();
    expect(new Set(first)).toEqual(new Set([200, 500, 503]));
    simulator.state.reset();
    expect(await run()).toEqual(first);
    simulator.state.setFaults({ errorRate: 0 });
    expect((await run()).every((status) => status === 200)).toBe(true);
  });

  it("serves a write whose answer it then loses, and answers reads", async () => {
    await startGusto({ lostAnswerRate: 1 });
    const before = ((await (await gustoList()).json()) as unknown[]).length;
    await expect(
      fetch(`${simulator.url}/v1/companies/${COMPANY_ID}/employees`, {
        method: "POST",
        headers: { ...GUSTO_AUTH, "Content-Type": "application/json" },
        body: JSON.stringify({ first_name: "Lost", last_name: "Answer" }),
      }),
    ).rejects.toThrow();
    const after = (await (await gustoList()).json()) as { first_name: string }[];
    expect(after).toHaveLength(before + 1);
    expect(after.map((employee) => employee.first_name)).toContain("Lost");
  });

  it("cuts a read's answer short (malformed JSON) and serves writes whole", async () => {
    await startGusto({ malformedRate: 1 });
    const read = await gustoList();
    expect(read.status).toBe(200);
    const text = await read.text();
    expect(() => JSON.parse(text) as unknown).toThrow();
    const created = await fetch(`${simulator.url}/v1/companies/${COMPANY_ID}/employees`, {
      method: "POST",
      headers: { ...GUSTO_AUTH, "Content-Type": "application/json" },
      body: JSON.stringify({ first_name: "Whole", last_name: "Answer" }),
    });
    expect(await created.json()).toMatchObject({ first_name: "Whole" });
  });

  it("adds latency to vendor requests only", async () => {
    await startGusto({ latency: { fixedMs: 120, jitterMs: 30 } });
    const started = performance.now();
    await gustoList();
    expect(performance.now() - started).toBeGreaterThanOrEqual(115);
  });

  it("reset restores the knobs the simulator started with", async () => {
    await startGusto({ errorRate: 1 });
    await putFaults({ errorRate: 0, latency: { fixedMs: 5 } });
    expect(simulator.state.faults()).toMatchObject({
      errorRate: 0,
      latency: { fixedMs: 5, jitterMs: 0 },
    });
    simulator.state.reset();
    expect(simulator.state.faults().errorRate).toBe(1);
  });
});

describe("webhook fault knobs", () => {
  async function startWithReceiver(faults: FaultSettingsInput) {
    receiver = await startWebhookReceiver();
    simulator = await startBambooHrSimulator({
      companyDomain: "acme",
      apiKey: "k",
      seed: { count: 2, seed: 1 },
      retrySchedule: [10],
      webhook: { url: receiver.url, secret: "s" },
      faults,
    });
  }
  const edit = (id: string, jobTitle: string) =>
    fetch(`${simulator.url}/_admin/employees/${id}`, {
      method: "PATCH",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ jobTitle }),
    });
  const employeeIdOf = (rawBody: string) =>
    (JSON.parse(rawBody) as { data: { employeeId: string } }).data.employeeId;

  it("delivers a duplicated event twice with identical bytes and signature", async () => {
    await startWithReceiver({ webhooks: { duplicateRate: 1 } });
    await edit("1", "Twice");
    await simulator.state.whenWebhooksSettled();
    const [first, second] = receiver!.received;
    expect(receiver!.received).toHaveLength(2);
    expect(second?.rawBody).toBe(first?.rawBody);
    expect(second?.headers["x-bamboohr-signature"]).toBe(first?.headers["x-bamboohr-signature"]);
  });

  it("drops events and logs them as dropped", async () => {
    await startWithReceiver({ webhooks: { dropRate: 1 } });
    await edit("1", "Lost");
    await simulator.state.whenWebhooksSettled();
    expect(receiver!.received).toHaveLength(0);
    expect(simulator.state.deliveries).toEqual([
      expect.objectContaining({ status: null, error: "dropped (fault injection)" }),
    ]);
  });

  it("holds an event back until the next one has been delivered", async () => {
    await startWithReceiver({ webhooks: { outOfOrderRate: 1 } });
    await edit("1", "First change");
    await edit("2", "Second change");
    await simulator.state.whenWebhooksSettled();
    expect(receiver!.received.map((webhook) => employeeIdOf(webhook.rawBody))).toEqual(["2", "1"]);
  });

  it("sends a held event on its own after holdMaxMs", async () => {
    await startWithReceiver({ webhooks: { outOfOrderRate: 1, holdMaxMs: 30 } });
    await edit("1", "Alone");
    await simulator.state.whenWebhooksSettled();
    expect(receiver!.received.map((webhook) => employeeIdOf(webhook.rawBody))).toEqual(["1"]);
  });
});
