import {
  startGustoSimulator,
  type GustoEmployeeRecord,
  type SimulatorHandle,
} from "@tandem/simulators";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConnectorError } from "../contract";
import type { FetchFn } from "../http";
import type { EntityRecord, SyncEntity } from "../sync-entity";
import { GustoConnector } from "./connector";

const COMPANY_ID = "2b7d4e1f-8c3a-4f60-a9d2-6e5b4c3a2f10";
const TOKEN = "gusto-benefit-entity-token";
const WRITE = { idempotencyKey: "unused-by-gusto" };

let simulator: SimulatorHandle<GustoEmployeeRecord>;
let puts: Record<string, unknown>[];

beforeEach(async () => {
  simulator = await startGustoSimulator({
    companyId: COMPANY_ID,
    accessToken: TOKEN,
    seed: { count: 3, seed: 31 },
    retrySchedule: [],
  });
  puts = [];
});

afterEach(async () => {
  await simulator.close();
});

/** The real fetch, keeping the bodies of PUTs so tests can see what was sent. */
const recordingFetch: FetchFn = async (input, init) => {
  if (init?.method === "PUT" && typeof init.body === "string") {
    puts.push(JSON.parse(init.body) as Record<string, unknown>);
  }
  return fetch(input, init);
};

function benefits(pageSize?: number): SyncEntity {
  const entity = new GustoConnector(
    {
      kind: "gusto",
      baseUrl: simulator.url,
      companyId: COMPANY_ID,
      accessToken: TOKEN,
      webhookVerificationToken: "unused",
    },
    { allowPrivateNetwork: true, fetch: recordingFetch, ...(pageSize ? { pageSize } : {}) },
  ).syncEntity("employee_benefit");
  if (!entity) throw new Error("no employee_benefit entity");
  return entity;
}

function employeeAt(index: number): GustoEmployeeRecord {
  const record = simulator.state.employees()[index];
  if (!record) throw new Error(`no employee ${index}`);
  return record;
}

async function mustRead(entity: SyncEntity, id: string): Promise<EntityRecord> {
  const record = await entity.read(id);
  if (!record) throw new Error(`cannot read ${id}`);
  return record;
}

async function firstBenefit(entity: SyncEntity): Promise<EntityRecord> {
  const [record] = (await entity.list()).items;
  if (!record) throw new Error("seed has no enrollments");
  return record;
}

describe("Gusto employee_benefit sync entity", () => {
  it("reads enrollments in the template's side-B shape, with the plan name and work email", async () => {
    const entity = benefits();
    const employee = employeeAt(0);
    const record = await firstBenefit(entity);
    expect(record).toEqual({
      id: expect.any(String) as string,
      fields: {
        company_benefit_uuid: expect.any(String) as string,
        company_benefit_name: "Blue Shield PPO",
        employee_work_email: employee.work_email,
        active: true,
        employee_deduction: "75.00",
        deduct_as_percentage: false,
        employee_deduction_annual_maximum: null,
        contribution: { type: "amount", value: "300.00" },
        company_contribution_annual_maximum: "3600.00",
        effective_date: "2026-01-01",
        expiration_date: null,
      },
      version: expect.stringMatching(/^[0-9a-f]{32}$/) as string,
      modifiedAt: null,
    });
    expect(await entity.read(record.id)).toEqual(record);
    expect(await entity.read("00000000-0000-4000-8000-000000000000")).toBeNull();
  });

  it("lists every enrollment across employee pages", async () => {
    const entity = benefits(2);
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await entity.list(cursor);
      ids.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
    } while (cursor !== null);
    // Seeded: medical for everyone, dental for every other person (3 people → 5).
    expect(new Set(ids).size).toBe(5);
  });

  it("round-trips every writable field, sending only the patched ones with the version read", async () => {
    const entity = benefits();
    const { id } = await firstBenefit(entity);
    const values: [string, unknown][] = [
      ["employee_deduction", "88.50"],
      ["deduct_as_percentage", true],
      ["employee_deduction_annual_maximum", "2000.00"],
      ["contribution.value", "12.50"],
      ["contribution.type", "percentage"],
      ["company_contribution_annual_maximum", null],
      ["effective_date", "2026-02-01"],
      ["expiration_date", "2026-12-31"],
      ["active", false],
    ];
    for (const [field, value] of values) {
      const before = await mustRead(entity, id);
      puts = [];
      await entity.update(id, { [field]: value }, { ...WRITE, version: before.version });
      const [group, name] = field.split(".");
      const sentField = name === undefined ? field : (group ?? "");
      expect(Object.keys(puts[0] ?? {}).sort(), field).toEqual([sentField, "version"].sort());
      expect(puts[0]?.version).toBe(before.version);
      const after = await mustRead(entity, id);
      const read =
        name === undefined
          ? after.fields[field]
          : (after.fields[group ?? ""] as Record<string, unknown>)[name];
      expect(read, field).toEqual(value);
    }
  });

  it("refuses an update against a stale version and keeps the payroll edit", async () => {
    const entity = benefits();
    const read = await firstBenefit(entity);
    const edit = await fetch(`${simulator.url}/_admin/employee_benefits/${read.id}`, {
      method: "PATCH",
      body: JSON.stringify({ employee_deduction: "99.99" }),
    });
    expect(edit.status).toBe(200);

    for (const patch of [{ employee_deduction: "10.00" }, { "contribution.value": "1.00" }]) {
      const caught = await entity
        .update(read.id, patch, { ...WRITE, version: read.version })
        .catch((error: unknown) => error);
      expect(caught).toBeInstanceOf(ConnectorError);
      expect(caught).toMatchObject({ kind: "stale" });
    }
    expect((await mustRead(entity, read.id)).fields).toMatchObject({
      employee_deduction: "99.99",
      contribution: { value: "300.00" },
    });
  });

  it("refuses to move an enrollment to another plan or person", async () => {
    const entity = benefits();
    const read = await firstBenefit(entity);
    await expect(
      entity.update(
        read.id,
        { employee_work_email: "x@example.com" },
        { ...WRITE, version: read.version },
      ),
    ).rejects.toMatchObject({ kind: "permanent" });
  });

  it("finds enrollments by work email and names an employee's enrollments", async () => {
    const entity = benefits();
    const employee = employeeAt(2);
    const found = await entity.findByField?.(
      "employee_work_email",
      (employee.work_email ?? "").toUpperCase(),
    );
    expect(found?.map((record) => record.fields.company_benefit_name).sort()).toEqual([
      "Blue Shield PPO",
      "Delta Dental",
    ]);
    expect(
      (await entity.recordsConcerned?.({ entity: "employee", externalId: employee.uuid }))?.sort(),
    ).toEqual(found?.map((record) => record.id).sort());
    expect(await entity.findByField?.("employee_work_email", "nobody@example.com")).toEqual([]);
  });

  it("enrolls an employee by work email in a plan named by its description", async () => {
    const entity = benefits();
    const employee = employeeAt(1);
    const created = await entity.create(
      {
        company_benefit_name: "delta dental",
        employee_work_email: employee.work_email,
        employee_deduction: "1.25",
        deduct_as_percentage: true,
        "contribution.type": "amount",
        "contribution.value": "20.00",
        effective_date: "2026-03-01",
        expiration_date: null,
      },
      WRITE,
    );
    expect(created.fields).toMatchObject({
      company_benefit_name: "Delta Dental",
      employee_work_email: employee.work_email,
      active: true,
      employee_deduction: "1.25",
      deduct_as_percentage: true,
      contribution: { type: "amount", value: "20.00" },
      effective_date: "2026-03-01",
    });
    expect(await entity.read(created.id)).toEqual(created);
  });
});
