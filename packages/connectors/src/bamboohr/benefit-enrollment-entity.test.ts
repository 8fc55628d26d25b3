import { entityFieldMetadata } from "@tandem/hr-model";
import { startWebhookReceiver, type WebhookReceiver } from "@tandem/simulators";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SyncEntity } from "../sync-entity";
import { startSimulatedBambooHr, type SimulatedBambooHr } from "./testing/simulated-bamboohr";
import { verifyBambooHrWebhook } from "./webhook";

const write = { idempotencyKey: "key" };

let bamboo: SimulatedBambooHr;
let enrollments: SyncEntity;
let employees: SyncEntity;
let receiver: WebhookReceiver | undefined;

beforeEach(async () => {
  bamboo = await startSimulatedBambooHr({ pageSize: 2 });
  const enrollmentEntity = bamboo.connector.syncEntity("BenefitEnrollment");
  const employeeEntity = bamboo.connector.syncEntity("employee");
  if (!enrollmentEntity || !employeeEntity) throw new Error("missing BambooHR sync entities");
  enrollments = enrollmentEntity;
  employees = employeeEntity;
});

afterEach(async () => {
  await bamboo.close();
  await receiver?.close();
  receiver = undefined;
});

async function listAll() {
  const all = [];
  let cursor: string | null = null;
  do {
    const page = await enrollments.list(cursor);
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return all;
}

/** An active seeded person (the generator terminates about one in ten). */
function activePerson() {
  const person = bamboo.simulator.state.employees().find((record) => record.status === "Active");
  if (!person) throw new Error("no active employee in the seed");
  return person;
}

describe("BambooHR BenefitEnrollment sync entity", () => {
  it("lists every enrollment in the template's side A shape, across pages", async () => {
    const all = await listAll();
    const fieldIds = [
      ...entityFieldMetadata("BenefitEnrollment").map((field) => field.name),
      "employeeWorkEmail",
    ].sort();
    expect(all.length).toBeGreaterThan(5);
    expect(new Set(all.map((record) => record.id)).size).toBe(all.length);
    const people = new Map(
      bamboo.simulator.state.employees().map((record) => [record.id, record.workEmail]),
    );
    for (const record of all) {
      expect(Object.keys(record.fields).sort()).toEqual(fieldIds);
      expect(record.fields.employeeWorkEmail).toBe(people.get(String(record.fields.employeeId)));
      expect(record.version).toBeUndefined();
      expect(Number.isInteger(record.fields.employeeDeductionAmount)).toBe(true);
    }
    const one = all[3];
    expect(await enrollments.read(one?.id ?? "")).toEqual(one);
    expect(await enrollments.read("999-1-2020-01-01")).toBeNull();
  });

  it("refuses writes permanently: BambooHR's API cannot write enrollments", async () => {
    const [first] = await listAll();
    const id = first?.id ?? "";
    const refused = await enrollments
      .update(id, { employeeDeductionAmount: 100 }, write)
      .catch((error: unknown) => error);
    expect(refused).toMatchObject({ kind: "permanent" });
    expect((refused as Error).message).toContain("no benefit enrollment write");
    await expect(enrollments.create({}, write)).rejects.toMatchObject({ kind: "permanent" });
    expect(bamboo.writes()).toEqual([]);
  });

  it("a termination ends the person's enrollments, and the employee event concerns them", async () => {
    receiver = await startWebhookReceiver();
    const registration = await bamboo.connector.registerWebhook(receiver.url);
    const person = activePerson();
    const concerned = await enrollments.recordsConcerned?.({
      entity: "employee",
      externalId: person.id,
    });
    expect(concerned?.length).toBeGreaterThan(0);
    for (const id of concerned ?? []) {
      expect((await enrollments.read(id))?.fields.endDate).toBeNull();
    }

    const terminationDate = new Date().toISOString().slice(0, 10);
    await employees.update(person.id, { status: "Inactive", terminationDate }, write);
    await bamboo.simulator.state.whenWebhooksSettled();
    const delivery = receiver.received.at(-1);
    const verified = verifyBambooHrWebhook(
      new Headers(Object.entries(delivery?.headers ?? {}).map(([k, v]) => [k, String(v)])),
      delivery?.rawBody ?? "",
      registration.signingSecret ?? "",
    );
    if (!verified.ok) throw new Error(verified.reason);
    const [event] = verified.events;
    expect(event).toMatchObject({ entity: "employee", externalId: person.id });

    const ids = await enrollments.recordsConcerned?.({
      entity: event?.entity ?? "",
      externalId: event?.externalId ?? "",
    });
    expect(ids).toEqual(concerned);
    for (const id of ids ?? []) {
      expect((await enrollments.read(id))?.fields.endDate).toBe(terminationDate);
    }
    expect(await enrollments.recordsConcerned?.({ entity: "job", externalId: person.id })).toEqual(
      [],
    );
  });

  it("a termination made by a person in BambooHR ends enrollments too", async () => {
    const person = activePerson();
    const response = await bamboo.adminEdit(person.id, {
      status: "Inactive",
      terminationDate: "2026-10-31",
    });
    expect(response.status).toBe(200);
    const ids =
      (await enrollments.recordsConcerned?.({ entity: "employee", externalId: person.id })) ?? [];
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) {
      const record = await enrollments.read(id);
      const started = String(record?.fields.effectiveDate);
      expect(record?.fields.endDate).toBe(started > "2026-10-31" ? null : "2026-10-31");
    }
  });
});
