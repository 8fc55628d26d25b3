import {
  startGustoSimulator,
  type GustoEmployeeRecord,
  type SimulatorHandle,
} from "@tandem/simulators";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConnectorError } from "../contract";
import { GustoConnector } from "./connector";

const COMPANY_ID = "2d7c9e1f-8a3b-4f6c-b5d4-1e2f3a4b5c6d";
const TOKEN = "gusto-termination-token";

let simulator: SimulatorHandle<GustoEmployeeRecord>;
let connector: GustoConnector;

beforeEach(async () => {
  simulator = await startGustoSimulator({
    companyId: COMPANY_ID,
    accessToken: TOKEN,
    seed: { count: 3, seed: 21 },
    retrySchedule: [],
  });
  connector = new GustoConnector(
    {
      kind: "gusto",
      baseUrl: simulator.url,
      companyId: COMPANY_ID,
      accessToken: TOKEN,
      webhookVerificationToken: "unused",
    },
    { allowPrivateNetwork: true },
  );
});

afterEach(async () => {
  await simulator.close();
});

function activeEmployee(): GustoEmployeeRecord {
  const record = simulator.state.employees().find((employee) => !employee.terminated);
  if (!record) throw new Error("seed has no active employee");
  return record;
}

async function rejection(promise: Promise<unknown>): Promise<ConnectorError> {
  const caught = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!(caught instanceof ConnectorError)) throw new Error(`expected a ConnectorError`);
  return caught;
}

describe("Gusto terminateEmployee", () => {
  it("posts a termination and the employee reads back terminated on that date", async () => {
    const { uuid } = activeEmployee();
    await connector.terminateEmployee(uuid, {
      effectiveDate: "2026-03-15",
      idempotencyKey: "terminate-1",
    });
    const after = await connector.getEmployee(uuid);
    expect(after?.employee).toMatchObject({ status: "terminated", terminationDate: "2026-03-15" });
    const posts = simulator.state.requests.filter(
      (request) =>
        request.method === "POST" && request.path === `/v1/employees/${uuid}/terminations`,
    );
    expect(posts).toHaveLength(1);
  });

  it("a repeat with the same idempotency key replays instead of failing", async () => {
    const { uuid } = activeEmployee();
    const options = { effectiveDate: "2026-03-15", idempotencyKey: "terminate-twice" };
    await connector.terminateEmployee(uuid, options);
    await expect(connector.terminateEmployee(uuid, options)).resolves.toBeUndefined();
    expect(simulator.state.employees().find((e) => e.uuid === uuid)?.terminations).toHaveLength(1);
  });

  it("a second termination is a permanent error carrying Gusto's message", async () => {
    const { uuid } = activeEmployee();
    await connector.terminateEmployee(uuid, { effectiveDate: "2026-03-15", idempotencyKey: "a" });
    const error = await rejection(
      connector.terminateEmployee(uuid, { effectiveDate: "2026-03-16", idempotencyKey: "b" }),
    );
    expect(error.kind).toBe("permanent");
    expect(error.details.status).toBe(422);
    expect(error.message).toContain("The employee is already terminated");
  });

  it("an invalid date is a permanent error naming the field", async () => {
    const { uuid } = activeEmployee();
    const error = await rejection(
      connector.terminateEmployee(uuid, { effectiveDate: "2026-02-30", idempotencyKey: "bad" }),
    );
    expect(error.kind).toBe("permanent");
    expect(error.details.status).toBe(422);
    expect(error.message).toContain("effective_date");
    expect(simulator.state.employees().find((e) => e.uuid === uuid)?.terminated).toBe(false);
  });

  it("updateEmployee terminates through terminateEmployee", async () => {
    const { uuid } = activeEmployee();
    const current = await connector.getEmployee(uuid);
    if (!current) throw new Error("seeded employee not found");
    const calls: unknown[][] = [];
    const original = connector.terminateEmployee.bind(connector);
    connector.terminateEmployee = (...args) => {
      calls.push(args);
      return original(...args);
    };
    await connector.updateEmployee(
      uuid,
      { ...current.employee, status: "terminated", terminationDate: "2026-02-28" },
      "update-terminate",
    );
    expect(calls).toEqual([
      [uuid, { effectiveDate: "2026-02-28", idempotencyKey: "update-terminate:termination" }],
    ]);
  });
});
