import {
  startBambooHrSimulator,
  startWebhookReceiver,
  type BambooHrEmployeeRecord,
  type SimulatorHandle,
  type WebhookReceiver,
} from "@tandem/simulators";
import type { Employee } from "@tandem/hr-model";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConnectorError } from "../contract";
import { createConnector } from "../registry";
import { BambooHrConnector } from "./connector";

const API_KEY = "bamboo-api-key";
const PRIVATE_KEY = "bamboo-webhook-private-key";

let simulator: SimulatorHandle<BambooHrEmployeeRecord>;
let receiver: WebhookReceiver | undefined;

function connector(options: { apiKey?: string; pageSize?: number } = {}) {
  return createConnector(
    {
      kind: "bamboohr",
      baseUrl: simulator.url,
      companyDomain: "acme",
      apiKey: options.apiKey ?? API_KEY,
      webhookPrivateKey: PRIVATE_KEY,
    },
    { allowPrivateNetwork: true, ...(options.pageSize ? { pageSize: options.pageSize } : {}) },
  );
}

const ada: Employee = {
  firstName: "Ada",
  lastName: "Lovelace",
  preferredName: null,
  workEmail: "ada@example.com",
  jobTitle: "Analyst",
  department: "Engineering",
  status: "active",
  startDate: "2024-02-01",
  terminationDate: null,
};

beforeEach(async () => {
  simulator = await startBambooHrSimulator({
    companyDomain: "acme",
    apiKey: API_KEY,
    seed: { count: 5, seed: 7 },
  });
});

afterEach(async () => {
  await simulator.close();
  await receiver?.close();
  receiver = undefined;
});

describe("BambooHrConnector against the simulator", () => {
  it("is what the registry builds for a bamboohr config", () => {
    expect(connector()).toBeInstanceOf(BambooHrConnector);
  });

  it("creates, reads and updates an employee through the normalized model", async () => {
    const bamboo = connector();
    const { externalId } = await bamboo.createEmployee(ada, "create-ada");
    expect(externalId).toBe("6");

    const read = await bamboo.getEmployee(externalId);
    expect(read?.employee).toEqual(ada);
    expect(read?.raw).toMatchObject({ id: "6", hireDate: "2024-02-01", status: "Active" });

    await bamboo.updateEmployee(
      externalId,
      { ...ada, jobTitle: "Lead Analyst", status: "terminated", terminationDate: "2026-01-31" },
      "update-ada",
    );
    const updated = await bamboo.getEmployee(externalId);
    expect(updated?.employee).toMatchObject({
      jobTitle: "Lead Analyst",
      status: "terminated",
      terminationDate: "2026-01-31",
    });
    expect(simulator.state.employees().find((record) => record.id === externalId)?.status).toBe(
      "Inactive",
    );

    const writes = simulator.state.requests.filter((request) => request.method === "POST");
    expect(writes.map((request) => [request.path, request.status])).toEqual([
      ["/api/gateway.php/acme/v1/employees", 201],
      ["/api/gateway.php/acme/v1/employees/6", 200],
    ]);
  });

  it("pages through the list with cursors and finds by work email", async () => {
    const bamboo = connector({ pageSize: 2 });
    const ids: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await bamboo.listEmployees(cursor);
      ids.push(...page.items.map((item) => item.externalId));
      cursor = page.nextCursor;
      pages++;
    } while (cursor !== null);
    expect(ids).toEqual(["1", "2", "3", "4", "5"]);
    expect(pages).toBe(3);

    const someone = simulator.state.employees()[3];
    const found = await bamboo.findEmployeeByWorkEmail(someone?.workEmail?.toUpperCase() ?? "");
    expect(found?.externalId).toBe(someone?.id);
    expect(await bamboo.findEmployeeByWorkEmail("nobody@example.com")).toBeNull();
  });

  it("returns null for an unknown employee", async () => {
    expect(await connector().getEmployee("999")).toBeNull();
  });

  it("reports BambooHR's validation message as a permanent error", async () => {
    const error = await connector()
      .createEmployee({ ...ada, firstName: "" }, "bad")
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error).toMatchObject({
      kind: "permanent",
      details: { status: 400, vendorMessage: 'Missing required field "firstName".' },
    });
  });

  it("a wrong API key is a permanent 401 that does not leak the key", async () => {
    const error = await connector({ apiKey: "wrong-key-123" })
      .getEmployee("1")
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: "permanent", details: { status: 401 } });
    expect((error as Error).message).not.toContain("wrong-key-123");
  });

  it("accepts the signed webhooks the simulator delivers for a change", async () => {
    receiver = await startWebhookReceiver();
    simulator.state.setWebhook({ url: receiver.url, secret: PRIVATE_KEY });
    const bamboo = connector();
    const { externalId } = await bamboo.createEmployee(ada, "create-ada");

    // BambooHR fires created, then updated, for a new employee.
    const deliveries = await Promise.all([receiver.delivery(1), receiver.delivery(2)]);
    const events = deliveries.map((delivery) => {
      const headers = new Headers(
        Object.entries(delivery.headers).map(([name, value]) => [name, String(value)]),
      );
      const result = bamboo.verifyWebhook(headers, delivery.rawBody);
      if (!result.ok) throw new Error(result.reason);
      return result.events[0];
    });
    expect(events.map((event) => event?.action).sort()).toEqual(["created", "updated"]);
    expect(events.every((event) => event?.externalId === externalId)).toBe(true);
    expect(new Set(events.map((event) => event?.deliveryId)).size).toBe(2);

    const first = deliveries[0];
    const headers = new Headers({
      "x-bamboohr-signature": String(first?.headers["x-bamboohr-signature"]),
      "x-bamboohr-timestamp": String(first?.headers["x-bamboohr-timestamp"]),
    });
    const wrongKey = createConnector(
      {
        kind: "bamboohr",
        baseUrl: simulator.url,
        companyDomain: "acme",
        apiKey: API_KEY,
        webhookPrivateKey: "not-the-key",
      },
      { allowPrivateNetwork: true },
    );
    expect(wrongKey.verifyWebhook(headers, first?.rawBody ?? "").ok).toBe(false);
  });
});
