// The Gusto entities' change listing over real HTTP to the simulator's `GET /v1/events`.
import {
  startGustoSimulator,
  type GustoEmployeeRecord,
  type SimulatorHandle,
} from "@tandem/simulators";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConnectorError } from "../contract";
import type { FetchFn } from "../http";
import type { SyncEntity } from "../sync-entity";
import { GustoConnector } from "./connector";

const COMPANY_ID = "8f3e2d1c-0b9a-4876-a543-210fedcba987";
const TOKEN = "gusto-events-company-token";
const SYSTEM_TOKEN = "gusto-events-system-token";
const WRITE = { idempotencyKey: "unused-by-gusto" };

let simulator: SimulatorHandle<GustoEmployeeRecord>;
let eventRequests: URL[];

beforeEach(async () => {
  simulator = await startGustoSimulator({
    companyId: COMPANY_ID,
    accessToken: TOKEN,
    systemAccessToken: SYSTEM_TOKEN,
    seed: { count: 4, seed: 17 },
    retrySchedule: [],
  });
  eventRequests = [];
});

afterEach(async () => {
  await simulator.close();
});

const recordingFetch: FetchFn = async (input, init) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  if (url.pathname === "/v1/events") eventRequests.push(url);
  return fetch(input, init);
};

function entity(name: string, systemAccessToken: string | null = SYSTEM_TOKEN): SyncEntity {
  const found = new GustoConnector(
    {
      kind: "gusto",
      baseUrl: simulator.url,
      companyId: COMPANY_ID,
      accessToken: TOKEN,
      webhookVerificationToken: "unused",
      ...(systemAccessToken === null ? {} : { systemAccessToken }),
    },
    { allowPrivateNetwork: true, fetch: recordingFetch },
  ).syncEntity(name);
  if (!found) throw new Error(`no ${name} entity`);
  return found;
}

function employeeAt(index: number): GustoEmployeeRecord {
  const record = simulator.state.employees()[index];
  if (!record) throw new Error(`no employee ${index}`);
  return record;
}

async function adminEdit(uuid: string, fields: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${simulator.url}/_admin/employees/${uuid}`, {
    method: "PATCH",
    body: JSON.stringify(fields),
  });
  expect(response.status).toBe(200);
}

/** A moment safely before every event the test makes (event timestamps are whole seconds). */
const aMinuteAgo = () => new Date(Date.now() - 60_000).toISOString();

describe("Gusto change listing through GET /v1/events", () => {
  it("is offered only to a connection with the system access token", () => {
    const listing = (found: SyncEntity) => found.listChangedSince?.bind(found);
    expect(listing(entity("employee", null))).toBeUndefined();
    expect(listing(entity("employee_benefit", null))).toBeUndefined();
    expect(listing(entity("employee"))).toBeTypeOf("function");
    expect(listing(entity("employee_benefit"))).toBeTypeOf("function");
  });

  it("names employees changed since then, a compensation event by its employee, each once", async () => {
    const employees = entity("employee");
    const since = aMinuteAgo();
    const renamed = employeeAt(0);
    const repaid = employeeAt(1);
    await adminEdit(renamed.uuid, { first_name: "Once" });
    await adminEdit(renamed.uuid, { first_name: "Twice" });
    const read = await employees.read(repaid.uuid);
    // A compensation change alone: Gusto reports it as an employee_job_compensation event.
    await employees.update(
      repaid.uuid,
      { "compensation.rate": "123456.00" },
      { ...WRITE, version: read?.version },
    );

    const changed = await employees.listChangedSince?.(since);
    expect(changed?.sort()).toEqual([renamed.uuid, repaid.uuid].sort());
    expect(eventRequests.map((url) => Object.fromEntries(url.searchParams))).toEqual([
      { sort_order: "desc", resource_uuid: COMPANY_ID, limit: "100" },
    ]);
  });

  it("pages with starting_after_uuid while X-Has-Next-Page is true", async () => {
    const since = aMinuteAgo();
    const uuids = simulator.state.employees().map((record) => record.uuid);
    for (let round = 0; round < 26; round++) {
      for (const uuid of uuids) await adminEdit(uuid, { middle_initial: String(round % 10) });
    }
    const changed = await entity("employee").listChangedSince?.(since);
    expect(changed?.sort()).toEqual([...uuids].sort());
    expect(eventRequests).toHaveLength(2);
    expect(eventRequests[1]?.searchParams.get("starting_after_uuid")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("stops at the first event older than since, though more pages follow", async () => {
    for (let round = 0; round < 26; round++) {
      for (const { uuid } of simulator.state.employees()) {
        await adminEdit(uuid, { middle_initial: String(round % 10) });
      }
    }
    const later = new Date(Date.now() + 60_000).toISOString();
    expect(await entity("employee").listChangedSince?.(later)).toEqual([]);
    expect(eventRequests).toHaveLength(1);
  });

  it("names enrollments by their own events and by their employee's events", async () => {
    const benefits = entity("employee_benefit");
    const since = aMinuteAgo();
    const [first, second] = (await benefits.list()).items.filter(
      (record, index, all) =>
        all.findIndex(
          (other) => other.fields.employee_work_email === record.fields.employee_work_email,
        ) === index,
    );
    if (!first || !second) throw new Error("the seed needs enrollments of two employees");
    await benefits.update(
      first.id,
      { employee_deduction: "42.00" },
      { ...WRITE, version: first.version },
    );
    const owner = simulator.state
      .employees()
      .find((record) => record.work_email === second.fields.employee_work_email);
    if (!owner) throw new Error("no owner of the second enrollment");
    await adminEdit(owner.uuid, { work_email: `moved-${owner.uuid}@acme.test` });

    const ownersEnrollments =
      (await benefits.findByField?.("employee_work_email", `moved-${owner.uuid}@acme.test`)) ?? [];
    expect(ownersEnrollments.map((record) => record.id)).toContain(second.id);
    const changed = await benefits.listChangedSince?.(since);
    expect(changed?.sort()).toEqual(
      [first.id, ...ownersEnrollments.map((record) => record.id)].sort(),
    );
  });

  it("a malformed page throws the connector's error", async () => {
    await adminEdit(employeeAt(0).uuid, { first_name: "Cut" });
    simulator.state.setFaults({ malformedRate: 1 });
    const failure = await entity("employee")
      .listChangedSince?.(aMinuteAgo())
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ConnectorError);
    expect((failure as ConnectorError).message).toMatch(/malformed JSON/);
  });
});
