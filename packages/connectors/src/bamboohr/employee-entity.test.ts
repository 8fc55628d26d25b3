import { startWebhookReceiver, type WebhookReceiver } from "@tandem/simulators";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConnectorError } from "../contract";
import type { SyncEntity } from "../sync-entity";
import { startSimulatedBambooHr, type SimulatedBambooHr } from "./testing/simulated-bamboohr";
import { verifyBambooHrWebhook } from "./webhook";

const TEMPLATE_FIELDS = [
  "employeeNumber",
  "firstName",
  "lastName",
  "preferredName",
  "workEmail",
  "homeEmail",
  "mobilePhone",
  "dateOfBirth",
  "hireDate",
  "terminationDate",
  "status",
  "employmentHistoryStatus",
  "jobTitle",
  "department",
  "payRate",
  "payPer",
  "exempt",
  "payRateEffectiveDate",
].sort();

const ada = {
  employeeNumber: "E-1001",
  firstName: "Ada",
  lastName: "Lovelace",
  preferredName: "Countess",
  workEmail: "ada@example.com",
  homeEmail: "ada@home.example",
  mobilePhone: "+1 555 0100",
  dateOfBirth: "1990-12-10",
  hireDate: "2024-02-01",
  terminationDate: null,
  status: "Active",
  employmentHistoryStatus: "Full-Time",
  jobTitle: "Analyst",
  department: "Engineering",
  payRate: "50000.00 USD",
  payPer: "Year",
  exempt: "Exempt",
  payRateEffectiveDate: "2024-02-01",
};

const write = { idempotencyKey: "key" };

let bamboo: SimulatedBambooHr;
let employees: SyncEntity;
let receiver: WebhookReceiver | undefined;

beforeEach(async () => {
  bamboo = await startSimulatedBambooHr();
  const entity = bamboo.connector.syncEntity("employee");
  if (!entity) throw new Error("BambooHR has no employee sync entity");
  employees = entity;
});

afterEach(async () => {
  await bamboo.close();
  await receiver?.close();
  receiver = undefined;
});

async function createAda(): Promise<string> {
  const created = await employees.create(ada, write);
  bamboo.sent.length = 0;
  return created.id;
}

async function fieldsOf(id: string) {
  return (await employees.read(id))?.fields;
}

describe("BambooHR employee sync entity", () => {
  it("reads records in exactly the template's side A shape, without a version", async () => {
    const page = await employees.list();
    expect(page.items).toHaveLength(5);
    for (const record of page.items) {
      expect(Object.keys(record.fields).sort()).toEqual(TEMPLATE_FIELDS);
      expect(record.version).toBeUndefined();
      expect(record.modifiedAt).toBeNull();
      expect(["Active", "Inactive"]).toContain(record.fields.status);
      expect(record.fields.payRate).toMatch(/^\d+\.\d{2} USD$/);
      expect(["Full-Time", "Part-Time", "Intern", "Contractor"]).toContain(
        record.fields.employmentHistoryStatus,
      );
    }
    expect(await employees.read(page.items[2]?.id ?? "")).toEqual(page.items[2]);
    expect(await employees.read("999")).toBeNull();
  });

  it("lists the ids changed since an instant through GET /employees/changed", async () => {
    const since = new Date(Date.now() + 1).toISOString();
    while (Date.now() <= Date.parse(since)) await new Promise((resolve) => setTimeout(resolve, 1));
    const id = await createAda();
    const [seeded] = (await employees.list()).items;
    await employees.update(seeded?.id ?? "", { jobTitle: "Changed" }, write);
    expect((await employees.listChangedSince?.(since))?.sort()).toEqual(
      [id, seeded?.id ?? ""].sort(),
    );
    expect(await employees.listChangedSince?.(new Date(Date.now() + 60_000).toISOString())).toEqual(
      [],
    );
  });

  it("creates through POST /employees and table rows, and reads every field back", async () => {
    const created = await employees.create(ada, write);
    expect(created.fields).toEqual(ada);
    expect(bamboo.writes().map((request) => request.path)).toEqual([
      "/employees",
      `/employees/${created.id}/tables/employmentStatus`,
      `/employees/${created.id}/tables/compensation`,
    ]);
    expect(bamboo.writes()[0]?.body).not.toHaveProperty("payRate");
  });

  it("round-trips every field through update and read", async () => {
    const id = await createAda();
    const changed = {
      employeeNumber: "E-2002",
      firstName: "Augusta",
      lastName: "King",
      preferredName: null,
      workEmail: "augusta@example.com",
      homeEmail: "augusta@home.example",
      mobilePhone: "+1 555 0199",
      dateOfBirth: "1990-12-11",
      hireDate: "2024-03-01",
      employmentHistoryStatus: "Part-Time",
      jobTitle: "Lead Analyst",
      department: "Research",
      payRate: "61000.00 USD",
      payPer: "Year",
      exempt: "Non-exempt",
      payRateEffectiveDate: "2026-03-01",
    };
    expect(await employees.update(id, changed, write)).toBeNull();
    expect(await fieldsOf(id)).toEqual({ ...ada, ...changed });
  });

  it("sends only the patched field, through POST /employees/{id}", async () => {
    const id = await createAda();
    const plain: Record<string, string | null> = {
      employeeNumber: "E-7",
      firstName: "Ady",
      preferredName: null,
      workEmail: "ADA.K@example.com",
      mobilePhone: "+44 20 7946 0000",
      dateOfBirth: "1991-01-02",
      hireDate: "2024-01-15",
      jobTitle: "Principal",
      department: "Finance",
    };
    for (const [name, value] of Object.entries(plain)) {
      bamboo.sent.length = 0;
      await employees.update(id, { [name]: value }, write);
      expect(bamboo.writes()).toEqual([
        { method: "POST", path: `/employees/${id}`, body: { [name]: value ?? "" } },
      ]);
      expect((await fieldsOf(id))?.[name]).toEqual(value);
    }
  });

  it("terminates with a Terminated employmentStatus row and rehires with a new row", async () => {
    const id = await createAda();
    await employees.update(id, { status: "Inactive", terminationDate: "2026-06-30" }, write);
    expect(bamboo.writes()).toEqual([
      {
        method: "POST",
        path: `/employees/${id}/tables/employmentStatus`,
        body: { date: "2026-06-30", employmentStatus: "Terminated" },
      },
    ]);
    expect(await fieldsOf(id)).toEqual({
      ...ada,
      status: "Inactive",
      terminationDate: "2026-06-30",
      // Still what the person was; BambooHR's own "Terminated" is status + terminationDate here.
      employmentHistoryStatus: "Full-Time",
    });

    // Correcting the date rewrites the termination row; it adds no second termination.
    bamboo.sent.length = 0;
    await employees.update(id, { terminationDate: "2026-07-15" }, write);
    expect(bamboo.writes()).toEqual([expect.objectContaining({ body: { date: "2026-07-15" } })]);
    expect(bamboo.writes()[0]?.path).toMatch(
      new RegExp(`^/employees/${id}/tables/employmentStatus/\\d+$`),
    );
    expect((await fieldsOf(id))?.terminationDate).toBe("2026-07-15");

    bamboo.sent.length = 0;
    await employees.update(
      id,
      { status: "Active", terminationDate: null, hireDate: "2026-09-01" },
      write,
    );
    expect(bamboo.writes()).toEqual([
      { method: "POST", path: `/employees/${id}`, body: { hireDate: "2026-09-01" } },
      {
        method: "POST",
        path: `/employees/${id}/tables/employmentStatus`,
        body: { date: "2026-09-01", employmentStatus: "Full-Time" },
      },
    ]);
    expect(await fieldsOf(id)).toEqual({ ...ada, hireDate: "2026-09-01" });
    expect(bamboo.sent.some((request) => request.method === "DELETE")).toBe(false);
  });

  it("a termination dated in the future shows its date while the person is still active", async () => {
    const id = await createAda();
    await employees.update(id, { terminationDate: "2999-01-31" }, write);
    expect(await fieldsOf(id)).toMatchObject({ status: "Active", terminationDate: "2999-01-31" });
  });

  it("changes the employment status with a new row, and refuses it for a terminated person", async () => {
    const id = await createAda();
    await employees.update(id, { employmentHistoryStatus: "Contractor" }, write);
    expect(bamboo.writes()).toEqual([
      {
        method: "POST",
        path: `/employees/${id}/tables/employmentStatus`,
        body: { date: new Date().toISOString().slice(0, 10), employmentStatus: "Contractor" },
      },
    ]);
    expect((await fieldsOf(id))?.employmentHistoryStatus).toBe("Contractor");

    // Before the Contractor row, a termination would not take effect: refused, not lost.
    await expect(
      employees.update(id, { status: "Inactive", terminationDate: "2026-08-01" }, write),
    ).rejects.toMatchObject({ kind: "permanent" });
    const today = new Date().toISOString().slice(0, 10);
    await employees.update(id, { status: "Inactive", terminationDate: today }, write);
    expect((await fieldsOf(id))?.status).toBe("Inactive");
    await expect(
      employees.update(id, { employmentHistoryStatus: "Intern" }, write),
    ).rejects.toMatchObject({ kind: "permanent" });
  });

  it("changes pay with a new compensation row, or corrects the current one", async () => {
    const id = await createAda();
    await employees.update(
      id,
      { payRate: "72000.00 USD", payRateEffectiveDate: "2026-11-01" },
      write,
    );
    expect(bamboo.writes()).toEqual([
      {
        method: "POST",
        path: `/employees/${id}/tables/compensation`,
        body: {
          startDate: "2026-11-01",
          rate: { value: "72000.00", currency: "USD" },
          paidPer: "Year",
          type: "Salary",
          exempt: "Exempt",
          paySchedule: "Twice a month",
          reason: "",
          comment: "",
        },
      },
    ]);
    expect(await fieldsOf(id)).toEqual({
      ...ada,
      payRate: "72000.00 USD",
      payRateEffectiveDate: "2026-11-01",
    });

    bamboo.sent.length = 0;
    await employees.update(
      id,
      { payPer: "Hour", payRate: "35.00 USD", exempt: "Non-exempt" },
      write,
    );
    expect((await fieldsOf(id))?.payRate).toBe("35.00 USD");
    expect(await fieldsOf(id)).toMatchObject({ payPer: "Hour", exempt: "Non-exempt" });

    bamboo.sent.length = 0;
    await employees.update(id, { payRateEffectiveDate: "2026-11-10" }, write);
    expect(bamboo.writes()[0]?.path).toMatch(
      new RegExp(`^/employees/${id}/tables/compensation/\\d+$`),
    );
    expect(await fieldsOf(id)).toMatchObject({
      payRate: "35.00 USD",
      payRateEffectiveDate: "2026-11-10",
    });
    // Before the previous rate's start, the row would stop being current: refused.
    await expect(
      employees.update(id, { payRateEffectiveDate: "2026-10-20" }, write),
    ).rejects.toMatchObject({ kind: "permanent" });

    await expect(employees.update(id, { payRate: "lots" }, write)).rejects.toMatchObject({
      kind: "permanent",
    });
  });

  it("finds records by work email case-insensitively and by any field exactly", async () => {
    const id = await createAda();
    const byEmail = await employees.findByField?.("workEmail", "ADA@Example.com");
    expect(byEmail?.map((record) => record.id)).toEqual([id]);
    const byNumber = await employees.findByField?.("employeeNumber", "E-1001");
    expect(byNumber?.map((record) => record.id)).toEqual([id]);
    expect(await employees.findByField?.("employeeNumber", "e-1001")).toEqual([]);
    await expect(employees.findByField?.("shoeSize", "9")).rejects.toBeInstanceOf(ConnectorError);
  });

  it("classifies BambooHR's refusals and outages", async () => {
    const unknown = await employees
      .update("999", { jobTitle: "X" }, write)
      .catch((error: unknown) => error);
    expect(unknown).toMatchObject({
      kind: "permanent",
      details: { status: 404, vendorMessage: "Employee not found." },
    });
    const invalid = await employees
      .update("1", { workEmail: "not-an-email" }, write)
      .catch((error: unknown) => error);
    expect(invalid).toMatchObject({ kind: "permanent", details: { status: 409 } });

    bamboo.simulator.state.setFaults({ rateLimit: { enabled: true, limit: 1, windowMs: 60_000 } });
    await employees.read("1");
    const throttled = await employees.read("1").catch((error: unknown) => error);
    expect(throttled).toMatchObject({ kind: "retryable", details: { status: 503 } });
    expect((throttled as ConnectorError).details.retryAfterMs).toBeGreaterThan(0);

    bamboo.simulator.state.setFaults({ rateLimit: { enabled: false }, errorRate: 1 });
    await expect(employees.read("1")).rejects.toMatchObject({ kind: "retryable" });
  });

  it("gets a signed employee webhook for every kind of change, API or admin", async () => {
    receiver = await startWebhookReceiver();
    const registration = await bamboo.connector.registerWebhook(receiver.url);
    const key = registration.signingSecret ?? "";
    const id = await createAda();
    await bamboo.simulator.state.whenWebhooksSettled();
    let seen = receiver.received.length;

    const changedFieldsAfter = async (change: () => Promise<unknown>) => {
      await change();
      await bamboo.simulator.state.whenWebhooksSettled();
      const deliveries = receiver?.received.slice(seen) ?? [];
      seen += deliveries.length;
      return deliveries.map((delivery) => {
        const headers = new Headers(
          Object.entries(delivery.headers).map(([name, value]) => [name, String(value)]),
        );
        const verified = verifyBambooHrWebhook(headers, delivery.rawBody, key);
        if (!verified.ok) throw new Error(verified.reason);
        expect(verified.events).toEqual([
          expect.objectContaining({ entity: "employee", action: "updated", externalId: id }),
        ]);
        return (JSON.parse(delivery.rawBody) as { data: { changedFields: string[] } }).data
          .changedFields;
      });
    };

    expect(
      await changedFieldsAfter(() => employees.update(id, { jobTitle: "Lead" }, write)),
    ).toEqual([["jobTitle"]]);
    expect(
      await changedFieldsAfter(() =>
        employees.update(
          id,
          { payRate: "80000.00 USD", payRateEffectiveDate: "2026-11-15" },
          write,
        ),
      ),
    ).toEqual([["payRate", "payRateEffectiveDate"]]);
    expect(
      await changedFieldsAfter(() =>
        employees.update(id, { status: "Inactive", terminationDate: "2026-11-20" }, write),
      ),
    ).toEqual([["status", "terminationDate", "employmentHistoryStatus"]]);
    expect(
      await changedFieldsAfter(() =>
        bamboo.adminEdit(id, { status: "Active", hireDate: "2026-11-25" }),
      ),
    ).toEqual([["hireDate"], ["status", "terminationDate", "employmentHistoryStatus"]]);
    expect(
      await changedFieldsAfter(() => bamboo.adminEdit(id, { payRate: "90000.00 USD" })),
    ).toEqual([["payRate", "payRateEffectiveDate"]]);
  });
});
