import {
  startGustoSimulator,
  startWebhookReceiver,
  type GustoEmployeeRecord,
  type SimulatorHandle,
  type WebhookReceiver,
} from "@tandem/simulators";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConnectorError } from "../contract";
import type { FetchFn } from "../http";
import type { EntityRecord, SyncEntity } from "../sync-entity";
import { GustoConnector } from "./connector";

const COMPANY_ID = "5e0c1b2a-7d3f-4a8e-9b61-3c2d1e0f4a7b";
const TOKEN = "gusto-entity-token";
const VERIFICATION_TOKEN = "gusto-entity-verification";
const WRITE = { idempotencyKey: "unused-by-gusto" };

interface SentRequest {
  method: string;
  path: string;
  body: Record<string, unknown> | undefined;
}

let simulator: SimulatorHandle<GustoEmployeeRecord>;
let receiver: WebhookReceiver | undefined;
let sent: SentRequest[];

beforeEach(async () => {
  simulator = await startGustoSimulator({
    companyId: COMPANY_ID,
    accessToken: TOKEN,
    seed: { count: 4, seed: 23 },
    retrySchedule: [],
  });
  sent = [];
});

afterEach(async () => {
  await simulator.close();
  await receiver?.close();
  receiver = undefined;
});

/** The real fetch, noting what the connector sends so tests can see which calls it made. */
const recordingFetch: FetchFn = async (input, init) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  sent.push({
    method: init?.method ?? "GET",
    path: url.pathname,
    body:
      typeof init?.body === "string"
        ? (JSON.parse(init.body) as Record<string, unknown>)
        : undefined,
  });
  return fetch(input, init);
};

function connector(pageSize?: number): GustoConnector {
  return new GustoConnector(
    {
      kind: "gusto",
      baseUrl: simulator.url,
      companyId: COMPANY_ID,
      accessToken: TOKEN,
      webhookVerificationToken: VERIFICATION_TOKEN,
    },
    { allowPrivateNetwork: true, fetch: recordingFetch, ...(pageSize ? { pageSize } : {}) },
  );
}

function employees(): SyncEntity {
  const entity = connector().syncEntity("employee");
  if (!entity) throw new Error("no employee entity");
  return entity;
}

function activeEmployee(): GustoEmployeeRecord {
  const record = simulator.state.employees().find((candidate) => !candidate.terminated);
  if (!record) throw new Error("seed has no active employee");
  return record;
}

function stored(uuid: string): GustoEmployeeRecord {
  const record = simulator.state.employees().find((candidate) => candidate.uuid === uuid);
  if (!record) throw new Error(`no employee ${uuid}`);
  return record;
}

async function mustRead(entity: SyncEntity, id: string): Promise<EntityRecord> {
  const record = await entity.read(id);
  if (!record) throw new Error(`cannot read ${id}`);
  return record;
}

/** Edits through the simulator's admin API, as a person in Gusto would. */
async function admin(path: string, method: string, body: unknown): Promise<unknown> {
  const response = await fetch(`${simulator.url}/_admin${path}`, {
    method,
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(response.status, await response.clone().text()).toBeLessThan(300);
  return response.json();
}

async function rejection(promise: Promise<unknown>): Promise<ConnectorError> {
  const caught = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!(caught instanceof ConnectorError))
    throw new Error(`expected a ConnectorError, got ${String(caught)}`);
  return caught;
}

function writes(): SentRequest[] {
  return sent.filter((request) => request.method !== "GET");
}

async function benefitsOf(uuid: string): Promise<Record<string, unknown>[]> {
  const response = await fetch(`${simulator.url}/_admin/employee_benefits?employee_uuid=${uuid}`);
  return (await response.json()) as Record<string, unknown>[];
}

describe("Gusto employee sync entity", () => {
  it("reads the employee in the template's side-B shape with a composite version", async () => {
    const someone = activeEmployee();
    const record = await mustRead(employees(), someone.uuid);
    const job = someone.jobs.find((candidate) => candidate.primary);
    const compensation = job?.compensations.find((c) => c.uuid === job.current_compensation_uuid);
    expect(record).toEqual({
      id: someone.uuid,
      fields: {
        first_name: someone.first_name,
        last_name: someone.last_name,
        preferred_first_name: someone.preferred_first_name,
        work_email: someone.work_email,
        email: someone.email,
        phone: null,
        date_of_birth: null,
        terminated: false,
        department: someone.department,
        current_employment_status: someone.current_employment_status,
        job: { title: job?.title, hire_date: job?.hire_date },
        compensation: {
          rate: compensation?.rate,
          payment_unit: compensation?.payment_unit,
          flsa_status: compensation?.flsa_status,
          effective_date: compensation?.effective_date,
        },
        termination: null,
      },
      version: expect.any(String) as string,
      modifiedAt: null,
    });
    expect(JSON.parse(record.version ?? "")).toEqual({
      employee: someone.version,
      job: { uuid: job?.uuid, version: job?.version },
      compensation: {
        uuid: compensation?.uuid,
        version: compensation?.version,
        effective_date: compensation?.effective_date,
      },
      termination: null,
      terminated: false,
    });
    expect(await employees().read("00000000-0000-4000-8000-000000000000")).toBeNull();
  });

  it("round-trips every field through update and read", async () => {
    const entity = employees();
    const { uuid } = activeEmployee();
    const values: [string, unknown][] = [
      ["first_name", "Ada"],
      ["last_name", "Lovelace"],
      ["preferred_first_name", "Countess"],
      ["work_email", "ada@work.example"],
      ["email", "ada@home.example"],
      ["phone", "+15551234567"],
      ["date_of_birth", "1990-12-10"],
      ["department", "Analytics"],
      ["current_employment_status", "part_time_twenty_plus_hours"],
      ["job.title", "Analyst"],
      ["job.hire_date", "2021-03-01"],
      ["compensation.rate", "98765.43"],
      ["compensation.payment_unit", "Month"],
      ["compensation.flsa_status", "Nonexempt"],
      ["compensation.effective_date", "2027-01-01"],
      ["terminated", true],
      ["termination.effective_date", "2027-02-15"],
      ["terminated", false],
    ];
    for (const [field, value] of values) {
      const before = await mustRead(entity, uuid);
      await entity.update(uuid, { [field]: value }, { ...WRITE, version: before.version });
      const after = await mustRead(entity, uuid);
      const [group, name] = field.split(".");
      const read =
        name === undefined
          ? after.fields[field]
          : (after.fields[group ?? ""] as Record<string, unknown>)[name];
      expect(read, field).toEqual(value);
    }
  });

  it("sends only the patched fields, each through its own Gusto call", async () => {
    const entity = employees();
    const someone = activeEmployee();
    const before = await mustRead(entity, someone.uuid);
    const version = JSON.parse(before.version ?? "") as {
      employee: string;
      job: { uuid: string; version: string };
      compensation: { uuid: string; version: string };
    };

    sent = [];
    await entity.update(
      someone.uuid,
      { "job.title": "Staff Engineer" },
      { ...WRITE, version: before.version },
    );
    expect(writes()).toEqual([
      {
        method: "PUT",
        path: `/v1/jobs/${version.job.uuid}`,
        body: { title: "Staff Engineer", version: version.job.version },
      },
    ]);

    const afterJob = await mustRead(entity, someone.uuid);
    sent = [];
    await entity.update(
      someone.uuid,
      { first_name: "Grace", "compensation.rate": "123456.00" },
      { ...WRITE, version: afterJob.version },
    );
    const afterVersion = JSON.parse(afterJob.version ?? "") as typeof version;
    expect(writes()).toEqual([
      {
        method: "PUT",
        path: `/v1/employees/${someone.uuid}`,
        body: { first_name: "Grace", version: afterVersion.employee },
      },
      {
        method: "PUT",
        path: `/v1/compensations/${version.compensation.uuid}`,
        body: { rate: "123456.00", version: afterVersion.compensation.version },
      },
    ]);
    // No Idempotency-Key pretence, and nothing re-read before the PUTs.
    expect(sent.every((request) => request.method === "PUT")).toBe(true);
    expect(stored(someone.uuid).last_name).toBe(someone.last_name);
  });

  it("refuses a write against a version a payroll edit made stale, and overwrites nothing", async () => {
    const entity = employees();
    const someone = activeEmployee();
    const read = await mustRead(entity, someone.uuid);

    // Between the engine's read and its write, payroll raises the pay and renames the person.
    await admin(`/employees/${someone.uuid}`, "PATCH", { rate: "70000.00", last_name: "Payroll" });

    const payError = await rejection(
      entity.update(
        someone.uuid,
        { "compensation.rate": "80000.00" },
        { ...WRITE, version: read.version },
      ),
    );
    expect(payError).toMatchObject({ kind: "stale", details: { status: 409 } });
    const nameError = await rejection(
      entity.update(someone.uuid, { first_name: "Engine" }, { ...WRITE, version: read.version }),
    );
    expect(nameError.kind).toBe("stale");

    const now = await mustRead(entity, someone.uuid);
    expect(now.fields).toMatchObject({
      first_name: someone.first_name,
      last_name: "Payroll",
      compensation: { rate: "70000.00" },
    });
    // Read again, decide again: the fresh version is accepted.
    await entity.update(
      someone.uuid,
      { "compensation.rate": "80000.00" },
      { ...WRITE, version: now.version },
    );
    expect((await mustRead(entity, someone.uuid)).fields.compensation).toMatchObject({
      rate: "80000.00",
    });
  });

  it("a later compensation.effective_date is a new effective-dated compensation", async () => {
    const entity = employees();
    const someone = activeEmployee();
    const read = await mustRead(entity, someone.uuid);
    const jobUuid = (JSON.parse(read.version ?? "") as { job: { uuid: string } }).job.uuid;
    sent = [];
    await entity.update(
      someone.uuid,
      { "compensation.effective_date": "2030-01-01", "compensation.rate": "150000.00" },
      { ...WRITE, version: read.version },
    );
    expect(writes()).toEqual([
      {
        method: "POST",
        path: `/v1/jobs/${jobUuid}/compensations`,
        body: expect.objectContaining({
          effective_date: "2030-01-01",
          rate: "150000.00",
        }) as unknown,
      },
    ]);
    const job = stored(someone.uuid).jobs.find((candidate) => candidate.primary);
    expect(job?.compensations).toHaveLength(2);
    expect((await mustRead(entity, someone.uuid)).fields.compensation).toEqual({
      ...(read.fields.compensation as object),
      rate: "150000.00",
      effective_date: "2030-01-01",
    });
  });

  it("terminates through Gusto's termination call, which ends the person's deductions", async () => {
    const entity = employees();
    const someone = activeEmployee();
    expect((await benefitsOf(someone.uuid)).some((benefit) => benefit.active === true)).toBe(true);
    const read = await mustRead(entity, someone.uuid);

    await entity.update(
      someone.uuid,
      { terminated: true, "termination.effective_date": "2026-12-31" },
      { ...WRITE, version: read.version },
    );

    expect(writes()[0]).toEqual({
      method: "POST",
      path: `/v1/employees/${someone.uuid}/terminations`,
      body: { effective_date: "2026-12-31", run_termination_payroll: false },
    });
    expect(writes().some((request) => request.method === "DELETE")).toBe(false);
    expect((await mustRead(entity, someone.uuid)).fields).toMatchObject({
      terminated: true,
      termination: { effective_date: "2026-12-31" },
    });
    for (const benefit of await benefitsOf(someone.uuid)) {
      expect(benefit.active).toBe(false);
      expect(
        String(benefit.expiration_date) <= "2026-12-31" ||
          benefit.effective_date === benefit.expiration_date,
      ).toBe(true);
    }
  });

  it("rehires through Gusto's rehire call, at the employee's work location", async () => {
    const entity = employees();
    const someone = activeEmployee();
    const active = await mustRead(entity, someone.uuid);
    await entity.update(someone.uuid, { terminated: true }, { ...WRITE, version: active.version });
    const terminated = await mustRead(entity, someone.uuid);
    sent = [];

    await entity.update(
      someone.uuid,
      { terminated: false, "termination.effective_date": null },
      { ...WRITE, version: terminated.version },
    );

    expect(writes()).toEqual([
      {
        method: "POST",
        path: `/v1/employees/${someone.uuid}/rehire`,
        body: expect.objectContaining({ file_new_hire_report: false }) as unknown,
      },
    ]);
    expect((await mustRead(entity, someone.uuid)).fields).toMatchObject({
      terminated: false,
      termination: null,
    });
  });

  it("a termination or rehire made by someone else since the read is stale", async () => {
    const entity = employees();
    const someone = activeEmployee();
    const read = await mustRead(entity, someone.uuid);
    await admin(`/employees/${someone.uuid}`, "PATCH", {
      status: "terminated",
      termination_date: "2026-11-30",
    });
    const error = await rejection(
      entity.update(
        someone.uuid,
        { terminated: true, "termination.effective_date": "2026-12-31" },
        { ...WRITE, version: read.version },
      ),
    );
    expect(error.kind).toBe("stale");
    expect((await mustRead(entity, someone.uuid)).fields.termination).toEqual({
      effective_date: "2026-11-30",
    });
  });

  it("creates the person, the job and its compensation from side fields", async () => {
    const entity = employees();
    const created = await entity.create(
      {
        first_name: "Katherine",
        last_name: "Johnson",
        work_email: "katherine@example.com",
        department: "Flight Research",
        "job.title": "Mathematician",
        "job.hire_date": "2026-03-02",
        "compensation.rate": "41.50",
        "compensation.payment_unit": "Hour",
        "compensation.flsa_status": "Nonexempt",
      },
      WRITE,
    );
    expect(created.fields).toMatchObject({
      first_name: "Katherine",
      work_email: "katherine@example.com",
      department: "Flight Research",
      terminated: false,
      job: { title: "Mathematician", hire_date: "2026-03-02" },
      compensation: { rate: "41.50", payment_unit: "Hour", flsa_status: "Nonexempt" },
      termination: null,
    });
    expect(
      sent.some((request) => request.path.endsWith("/employees") && request.method === "POST"),
    ).toBe(true);
  });

  it("finds by work email ignoring case, and by other fields through the listing", async () => {
    const entity = connector(2).syncEntity("employee");
    if (!entity) throw new Error("no employee entity");
    const last = simulator.state.employees().at(-1);
    if (!last?.work_email) throw new Error("seed has no work email");
    const byEmail = await entity.findByField?.("work_email", last.work_email.toUpperCase());
    expect(byEmail?.map((record) => record.id)).toEqual([last.uuid]);
    const title = last.jobs[0]?.title;
    if (title == null) throw new Error("seed has no job title");
    const byTitle = await entity.findByField?.("job.title", title);
    expect(byTitle?.map((record) => record.id)).toContain(last.uuid);
    const page = await entity.list();
    expect(page.items).toHaveLength(2);
    expect(page.nextCursor).toBe("2");
  });

  it("parses each kind of Gusto webhook and resolves job and compensation events to the employee", async () => {
    receiver = await startWebhookReceiver();
    simulator.state.setWebhook({ url: receiver.url, secret: VERIFICATION_TOKEN });
    const gusto = connector();
    const someone = activeEmployee();
    const job = someone.jobs[0];
    if (!job) throw new Error("seed has no job");
    const benefit = (await benefitsOf(someone.uuid))[0];

    await admin(`/employees/${someone.uuid}`, "PATCH", { last_name: "Webhooked" });
    await admin(`/employees/${someone.uuid}`, "PATCH", { rate: "99000.00" });
    await admin(`/employee_benefits/${String(benefit?.uuid)}`, "PATCH", {
      employee_deduction: "12.34",
    });
    await simulator.state.whenWebhooksSettled();

    const events = receiver.received.flatMap((delivery) => {
      const result = gusto.verifyWebhook(
        new Headers({ "x-gusto-signature": String(delivery.headers["x-gusto-signature"]) }),
        delivery.rawBody,
      );
      return result.ok ? result.events : [];
    });
    expect(
      events.map(({ entity, action, externalId }) => ({ entity, action, externalId })),
    ).toEqual([
      { entity: "employee", action: "updated", externalId: someone.uuid },
      { entity: "compensation", action: "updated", externalId: job.current_compensation_uuid },
      { entity: "employee_benefit", action: "updated", externalId: benefit?.uuid },
    ]);
    const entity = gusto.syncEntity("employee");
    expect(
      await entity?.recordsConcerned?.({
        entity: "compensation",
        externalId: job.current_compensation_uuid,
      }),
    ).toEqual([someone.uuid]);
    expect(await entity?.recordsConcerned?.({ entity: "job", externalId: job.uuid })).toEqual([
      someone.uuid,
    ]);
    expect(
      await entity?.recordsConcerned?.({
        entity: "compensation",
        externalId: "00000000-0000-4000-8000-000000000000",
      }),
    ).toEqual([]);
  });

  it("fires employee, compensation and benefit webhooks for writes made through the API", async () => {
    receiver = await startWebhookReceiver();
    simulator.state.setWebhook({ url: receiver.url, secret: VERIFICATION_TOKEN });
    const gusto = connector();
    const entity = gusto.syncEntity("employee");
    if (!entity) throw new Error("no employee entity");
    const someone = activeEmployee();
    const read = await mustRead(entity, someone.uuid);
    await entity.update(
      someone.uuid,
      { first_name: "Api", "compensation.rate": "1.00", terminated: true },
      { ...WRITE, version: read.version },
    );
    await simulator.state.whenWebhooksSettled();
    const types = receiver.received.map(
      (delivery) => (JSON.parse(delivery.rawBody) as { event_type: string }).event_type,
    );
    expect(types).toEqual(
      expect.arrayContaining([
        "employee.updated",
        "employee_job_compensation.updated",
        "employee.terminated",
        "employee_benefit.updated",
      ]),
    );
  });
});
