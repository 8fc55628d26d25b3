import {
  startHiBobSimulator,
  startWebhookReceiver,
  type HiBobEmployeeRecord,
  type HiBobSimulatorOptions,
  type SimulatorHandle,
  type WebhookReceiver,
} from "@tandem/simulators";
import type { Employee } from "@tandem/hr-model";
import { afterEach, describe, expect, it } from "vitest";
import { ConnectorError } from "../contract";
import { createConnector } from "../registry";
import { HiBobConnector } from "./connector";

const SERVICE_USER = "SERVICE-1234";
const TOKEN = "bob-service-token";
const SECRET = "bob-webhook-secret";

let simulator: SimulatorHandle<HiBobEmployeeRecord>;
let receiver: WebhookReceiver | undefined;

async function start(options: Partial<HiBobSimulatorOptions> = {}) {
  simulator = await startHiBobSimulator({
    serviceUserId: SERVICE_USER,
    token: TOKEN,
    seed: { count: 4, seed: 3 },
    ...options,
  });
}

function connector(
  options: { token?: string; webhookSecret?: string; defaultSite?: string | null } = {},
) {
  return createConnector(
    {
      kind: "hibob",
      baseUrl: simulator.url,
      serviceUserId: SERVICE_USER,
      token: options.token ?? TOKEN,
      webhookSecret: options.webhookSecret ?? SECRET,
      ...(options.defaultSite === null ? {} : { defaultSite: options.defaultSite ?? "London" }),
    },
    { allowPrivateNetwork: true },
  );
}

const ada: Employee = {
  firstName: "Ada",
  lastName: "Lovelace",
  workEmail: "ada@example.com",
  jobTitle: "Analyst",
  department: "Engineering",
  status: "active",
  startDate: "2024-02-01",
  terminationDate: null,
};

function pick(employee: Employee | undefined, fields: readonly (keyof Employee)[]) {
  return Object.fromEntries(fields.map((field) => [field, employee?.[field]]));
}

afterEach(async () => {
  await simulator.close();
  await receiver?.close();
  receiver = undefined;
});

describe("HiBobConnector against the simulator", () => {
  it("is what the registry builds for a hibob config", async () => {
    await start();
    expect(connector()).toBeInstanceOf(HiBobConnector);
  });

  it("creates, reads and updates an employee through the normalized model", async () => {
    await start();
    const bob = connector();
    const { externalId } = await bob.createEmployee(ada, "create-ada");
    expect(externalId).toMatch(/^\d{19}$/);

    const read = await bob.getEmployee(externalId);
    expect(read?.employee).toEqual(ada);
    expect(read?.raw).toMatchObject({
      id: externalId,
      surname: "Lovelace",
      work: { site: "London", startDate: "2024-02-01" },
      internal: { lifecycleStatus: "Employed" },
    });

    const changed: Employee = {
      ...ada,
      lastName: "King",
      workEmail: "ada.king@example.com",
      jobTitle: "Lead Analyst",
      department: null,
      startDate: "2024-03-01",
    };
    await bob.updateEmployee(externalId, changed, "update-ada");
    const updated = await bob.getEmployee(externalId);
    expect(pick(updated?.employee, bob.syncedFields)).toEqual(pick(changed, bob.syncedFields));

    const writes = simulator.state.requests.filter((request) => request.method !== "POST");
    expect(writes.map((request) => [request.method, request.path, request.status])).toEqual([
      ["PUT", `/v1/people/${externalId}`, 200],
      ["PUT", `/v1/people/${externalId}/email`, 200],
    ]);
  });

  it("lists everyone in one page, inactive people included, and finds by work email", async () => {
    await start();
    const [first, second] = simulator.state.employees();
    await fetch(`${simulator.url}/_admin/employees/${first?.id}`, {
      method: "PATCH",
      body: JSON.stringify({ lifecycleStatus: "Terminated", terminationDate: "2026-01-31" }),
    });
    await fetch(`${simulator.url}/_admin/employees/${second?.id}`, {
      method: "PATCH",
      body: JSON.stringify({ lifecycleStatus: "Garden leave" }),
    });
    const bob = connector();
    const page = await bob.listEmployees(null);
    expect(page.nextCursor).toBeNull();
    expect(page.items.map((item) => item.externalId)).toEqual(
      simulator.state.employees().map((record) => record.id),
    );
    expect(page.items[0]?.employee).toMatchObject({
      status: "terminated",
      terminationDate: "2026-01-31",
    });
    expect(page.items[1]?.employee.status).toBe("leave");
    await expect(bob.listEmployees("2")).rejects.toMatchObject({ kind: "permanent" });

    const found = await bob.findEmployeeByWorkEmail(second?.email.toUpperCase() ?? "");
    expect(found?.externalId).toBe(second?.id);
    expect(await bob.findEmployeeByWorkEmail("nobody@example.com")).toBeNull();
    expect(await bob.getEmployee("1234567890123456789")).toBeNull();
  });

  it("refuses a create Bob would reject before sending it, naming the missing fields", async () => {
    await start();
    const error = await connector({ defaultSite: null })
      .createEmployee({ ...ada, startDate: null }, "k")
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConnectorError);
    expect((error as Error).message).toContain("startDate, defaultSite");
    expect(simulator.state.requests).toHaveLength(0);
  });

  it("reports Bob's validation message as a permanent 400", async () => {
    await start();
    const taken = simulator.state.employees()[0]?.email ?? "";
    const error = await connector()
      .createEmployee({ ...ada, workEmail: taken }, "dup")
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      kind: "permanent",
      details: { status: 400, vendorMessage: `Email ${taken} is already in use.` },
    });
  });

  it("a wrong token is a permanent 401 that does not leak the token", async () => {
    await start();
    const error = await connector({ token: "wrong-token-123" })
      .listEmployees()
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: "permanent", details: { status: 401 } });
    expect((error as Error).message).not.toContain("wrong-token-123");
  });

  it("classifies the people search rate limit as retryable with Retry-After", async () => {
    await start({ peopleSearchLimit: { limit: 2, windowMs: 60_000 } });
    const bob = connector();
    await bob.listEmployees();
    await bob.listEmployees();
    const error = await bob.listEmployees().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConnectorError);
    const { kind, details } = error as ConnectorError;
    expect(kind).toBe("retryable");
    expect(details.status).toBe(429);
    expect(details.retryAfterMs).toBeGreaterThan(55_000);
    // Single reads are another endpoint with their own budget.
    expect(await bob.getEmployee(simulator.state.employees()[0]?.id ?? "")).not.toBeNull();
  });

  it("accepts the signed webhook the simulator delivers for a change", async () => {
    await start();
    receiver = await startWebhookReceiver();
    simulator.state.setWebhook({ url: receiver.url, secret: SECRET });
    const bob = connector();
    const { externalId } = await bob.createEmployee(ada, "create-ada");

    const delivery = await receiver.delivery(1);
    const headers = new Headers(
      Object.entries(delivery.headers).map(([name, value]) => [name, String(value)]),
    );
    const result = bob.verifyWebhook(headers, delivery.rawBody);
    expect(result).toEqual({
      ok: true,
      events: [expect.objectContaining({ action: "created", externalId, derivedDeliveryId: false })],
    });
    expect(
      connector({ webhookSecret: "not-the-secret" }).verifyWebhook(headers, delivery.rawBody),
    ).toEqual({ ok: false, reason: "signature does not match" });
  });
});
