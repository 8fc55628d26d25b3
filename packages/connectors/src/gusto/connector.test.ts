import {
  startGustoSimulator,
  startWebhookReceiver,
  type GustoEmployeeRecord,
  type SimulatorHandle,
  type WebhookReceiver,
} from "@tandem/simulators";
import type { Employee } from "@tandem/hr-model";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { FetchFn } from "../http";
import { createConnector } from "../registry";
import { GustoConnector } from "./connector";

const COMPANY_ID = "7a1f6c8e-3f0b-4c59-9d0e-2b1e0f4a9c11";
const ACCESS_TOKEN = "gusto-access-token";
const VERIFICATION_TOKEN = "gusto-verification-token";

let simulator: SimulatorHandle<GustoEmployeeRecord>;
let receiver: WebhookReceiver | undefined;

function connector(options: { fetch?: FetchFn; pageSize?: number } = {}) {
  return createConnector(
    {
      kind: "gusto",
      baseUrl: simulator.url,
      companyId: COMPANY_ID,
      accessToken: ACCESS_TOKEN,
      webhookVerificationToken: VERIFICATION_TOKEN,
    },
    { allowPrivateNetwork: true, ...options },
  );
}

/** Changes the employee through the admin API, as a person in Gusto would. */
async function editInGusto(uuid: string, patch: Record<string, string>): Promise<void> {
  const response = await fetch(`${simulator.url}/_admin/employees/${uuid}`, {
    method: "PATCH",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(patch),
  });
  expect(response.status).toBe(200);
}

/** A real fetch that lets someone edit the record in Gusto just before each PUT lands. */
function fetchWithEditBeforePut(uuid: string, edits: number): FetchFn & { puts: number } {
  let remaining = edits;
  const wrapped = Object.assign(
    async (input: Parameters<FetchFn>[0], init?: Parameters<FetchFn>[1]) => {
      if (init?.method === "PUT") {
        wrapped.puts++;
        if (remaining > 0) {
          remaining--;
          await editInGusto(uuid, { job_title: `Edited before PUT ${wrapped.puts}` });
        }
      }
      return fetch(input, init);
    },
    { puts: 0 },
  );
  return wrapped;
}

const grace: Employee = {
  firstName: "Grace",
  lastName: "Hopper",
  preferredName: "Amazing Grace",
  workEmail: "grace@example.com",
  department: "Engineering",
  status: "active",
};

beforeEach(async () => {
  simulator = await startGustoSimulator({
    companyId: COMPANY_ID,
    accessToken: ACCESS_TOKEN,
    seed: { count: 3, seed: 11 },
  });
});

afterEach(async () => {
  await simulator.close();
  await receiver?.close();
  receiver = undefined;
});

describe("GustoConnector against the simulator", () => {
  it("is what the registry builds for a gusto config", () => {
    expect(connector()).toBeInstanceOf(GustoConnector);
  });

  it("creates, reads and updates an employee through the normalized model", async () => {
    const gusto = connector();
    const { externalId } = await gusto.createEmployee(grace, "create-grace");

    const created = await gusto.getEmployee(externalId);
    expect(created?.employee).toEqual({
      firstName: "Grace",
      lastName: "Hopper",
      preferredName: "Amazing Grace",
      workEmail: "grace@example.com",
      jobTitle: null,
      department: "Engineering",
      // A new Gusto employee has not finished onboarding.
      status: "pending",
      startDate: null,
      terminationDate: null,
    });
    expect(created?.version).toMatch(/^[0-9a-f]{32}$/);

    await gusto.updateEmployee(externalId, { ...grace, lastName: "Murray Hopper" }, "rename");
    const renamed = await gusto.getEmployee(externalId);
    expect(renamed?.employee.lastName).toBe("Murray Hopper");
    expect(renamed?.version).not.toBe(created?.version);

    const puts = simulator.state.requests.filter((request) => request.method === "PUT");
    expect(puts.map((request) => request.status)).toEqual([200, 200]);
  });

  it("terminates through the terminations endpoint", async () => {
    const gusto = connector();
    const someone = simulator.state.employees().find((record) => !record.terminated);
    if (!someone) throw new Error("seed has no active employee");
    const current = await gusto.getEmployee(someone.uuid);
    if (!current) throw new Error("seeded employee not found");

    await gusto.updateEmployee(
      someone.uuid,
      { ...current.employee, status: "terminated", terminationDate: "2026-02-28" },
      "terminate",
    );
    const after = await gusto.getEmployee(someone.uuid);
    expect(after?.employee).toMatchObject({ status: "terminated", terminationDate: "2026-02-28" });
    expect(
      simulator.state.requests.some(
        (request) =>
          request.method === "POST" &&
          request.path === `/v1/employees/${someone.uuid}/terminations`,
      ),
    ).toBe(true);

    const rehire = await gusto
      .updateEmployee(someone.uuid, { ...current.employee, status: "active" }, "rehire")
      .catch((caught: unknown) => caught);
    expect(rehire).toMatchObject({ kind: "permanent" });
  });

  it("re-reads and retries once when the version went stale between read and write", async () => {
    const { externalId } = await connector().createEmployee(grace, "create-grace");
    const racing = fetchWithEditBeforePut(externalId, 1);
    const requestsBefore = simulator.state.requests.length;

    await connector({ fetch: racing }).updateEmployee(
      externalId,
      { ...grace, firstName: "G." },
      "update",
    );

    expect(racing.puts).toBe(2);
    const putStatuses = simulator.state.requests
      .slice(requestsBefore)
      .filter((request) => request.method === "PUT")
      .map((request) => request.status);
    expect(putStatuses).toEqual([409, 200]);
    const stored = simulator.state.employees().find((record) => record.uuid === externalId);
    expect(stored?.first_name).toBe("G.");
    // The concurrent edit to a field we do not write survives.
    expect(stored?.jobs[0]?.title).toBe("Edited before PUT 1");
  });

  it("leaves a second conflict to the caller as a retryable error", async () => {
    const { externalId } = await connector().createEmployee(grace, "create-grace");
    const error = await connector({ fetch: fetchWithEditBeforePut(externalId, 2) })
      .updateEmployee(externalId, { ...grace, firstName: "G." }, "update")
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: "retryable", details: { status: 409 } });
  });

  it("a repeated create with the same idempotency key creates one employee", async () => {
    const gusto = connector();
    const minimal: Employee = { firstName: "Alan", lastName: "Turing", status: "active" };
    const first = await gusto.createEmployee(minimal, "same-key");
    const second = await gusto.createEmployee(minimal, "same-key");
    expect(second.externalId).toBe(first.externalId);
    expect(simulator.state.employees()).toHaveLength(4);
  });

  it("pages with page/per and finds by work email", async () => {
    const gusto = connector({ pageSize: 2 });
    const first = await gusto.listEmployees();
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toBe("2");
    const second = await gusto.listEmployees(first.nextCursor);
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();

    const last = simulator.state.employees()[2];
    expect((await gusto.findEmployeeByWorkEmail(last?.work_email ?? ""))?.externalId).toBe(
      last?.uuid,
    );
  });

  it("reports Gusto's 422 message and returns null for unknown employees", async () => {
    const gusto = connector();
    expect(await gusto.getEmployee("00000000-0000-0000-0000-000000000000")).toBeNull();
    const error = await gusto
      .createEmployee({ ...grace, lastName: " " }, "blank")
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      kind: "permanent",
      details: { status: 422, vendorMessage: "last_name: Last name can't be blank" },
    });
  });

  it("accepts the signed webhook the simulator delivers for a change", async () => {
    receiver = await startWebhookReceiver();
    simulator.state.setWebhook({ url: receiver.url, secret: VERIFICATION_TOKEN });
    const someone = simulator.state.employees()[0];
    if (!someone) throw new Error("empty seed");
    await editInGusto(someone.uuid, { department: "Finance & Ops" });

    const delivery = await receiver.delivery(1);
    const headers = new Headers({
      "x-gusto-signature": String(delivery.headers["x-gusto-signature"]),
    });
    const result = connector().verifyWebhook(headers, delivery.rawBody);
    expect(result).toEqual({
      ok: true,
      events: [
        expect.objectContaining({
          action: "updated",
          entity: "employee",
          externalId: someone.uuid,
        }),
      ],
    });
    if (result.ok) expect(result.events[0]?.deliveryId).toMatch(/^gusto:[0-9a-f-]{36}$/);
  });
});
