import { createHmac } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import type { SimulatorHandle } from "../shared/vendor-simulator";
import { startWebhookReceiver, type WebhookReceiver } from "../testing/webhook-receiver";
import type { BambooHrEmployeeRecord } from "./fields";
import { startBambooHrSimulator } from "./server";

const API_KEY = "bamboo-key";

let simulator: SimulatorHandle<BambooHrEmployeeRecord>;
let receiver: WebhookReceiver;

afterEach(async () => {
  await simulator.close();
  await receiver.close();
});

async function start() {
  receiver = await startWebhookReceiver();
  simulator = await startBambooHrSimulator({
    companyDomain: "acme",
    apiKey: API_KEY,
    seed: { count: 2, seed: 3 },
    retrySchedule: [],
  });
}

function webhooks(path: string, init: RequestInit = {}) {
  return fetch(`${simulator.url}/api/gateway.php/acme/v1/webhooks${path}`, {
    ...init,
    headers: {
      Authorization: `Basic ${Buffer.from(`${API_KEY}:x`).toString("base64")}`,
      Accept: "application/json",
      "Content-Type": "application/json",
    },
  });
}

const valid = () => ({
  name: "Sync",
  url: receiver.url,
  format: "json",
  events: ["employee.updated"],
  monitorFields: ["lastName"],
});

async function edit(id: string, fields: Record<string, string>) {
  await fetch(`${simulator.url}/_admin/employees/${id}`, {
    method: "PATCH",
    body: JSON.stringify(fields),
  });
  await simulator.state.whenWebhooksSettled();
}

describe("BambooHR simulator webhooks API", () => {
  it("refuses what BambooHR refuses, with the reason in X-BambooHR-Error-Message", async () => {
    await start();
    const refusals = [
      { ...valid(), url: "http://hooks.example.com/x" },
      { ...valid(), monitorFields: [] },
      { ...valid(), events: ["employee.renamed"] },
      { ...valid(), monitorFields: ["salary"] },
    ];
    for (const body of refusals) {
      const response = await webhooks("", { method: "POST", body: JSON.stringify(body) });
      expect(response.status).toBe(400);
      expect(response.headers.get("x-bamboohr-error-message")).toMatch(/\S/);
    }
  });

  it("returns the private key once and signs deliveries of monitored fields with it", async () => {
    await start();
    const response = await webhooks("", { method: "POST", body: JSON.stringify(valid()) });
    expect(response.status).toBe(201);
    const created = (await response.json()) as { id: string; privateKey: string };
    expect(created.privateKey).toMatch(/^[0-9a-f]{64}$/);
    const read = (await (await webhooks(`/${created.id}`)).json()) as Record<string, unknown>;
    expect(read).not.toHaveProperty("privateKey");

    const [employee] = simulator.state.employees();
    if (!employee) throw new Error("empty seed");
    await edit(employee.id, { firstName: "Unmonitored" });
    expect(receiver.received).toHaveLength(0);
    await edit(employee.id, { lastName: "Monitored" });
    const [delivery] = receiver.received;
    const timestamp = String(delivery?.headers["x-bamboohr-timestamp"]);
    const expected = createHmac("sha256", created.privateKey)
      .update((delivery?.rawBody ?? "") + timestamp)
      .digest("hex");
    expect(delivery?.headers["x-bamboohr-signature"]).toBe(expected);

    expect((await webhooks(`/${created.id}`, { method: "DELETE" })).status).toBe(200);
    await edit(employee.id, { lastName: "After-Delete" });
    expect(receiver.received).toHaveLength(1);
  });
});
