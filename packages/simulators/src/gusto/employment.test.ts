import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SimulatorHandle } from "../shared/vendor-simulator";
import { startWebhookReceiver, type WebhookReceiver } from "../testing/webhook-receiver";
import type { GustoEmployeeRecord } from "./fields";
import { startGustoSimulator } from "./server";

const COMPANY_ID = "8f2e1d0c-4b3a-4c29-9e8d-7f6a5b4c3d2e";
const TOKEN = "gusto-employment-token";
const SECRET = "gusto-employment-secret";

let simulator: SimulatorHandle<GustoEmployeeRecord>;
let receiver: WebhookReceiver;

beforeEach(async () => {
  receiver = await startWebhookReceiver();
  simulator = await startGustoSimulator({
    companyId: COMPANY_ID,
    accessToken: TOKEN,
    seed: { count: 2, seed: 5 },
    retrySchedule: [],
    webhook: { url: receiver.url, secret: SECRET },
  });
});

afterEach(async () => {
  await simulator.close();
  await receiver.close();
});

async function call(method: string, path: string, body?: unknown) {
  const response = await fetch(`${simulator.url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

function employee(): GustoEmployeeRecord {
  const record = simulator.state.employees().find((candidate) => !candidate.terminated);
  if (!record) throw new Error("no active employee");
  return record;
}

async function eventTypes(): Promise<string[]> {
  await simulator.state.whenWebhooksSettled();
  return receiver.received.map(
    (delivery) => (JSON.parse(delivery.rawBody) as { event_type: string }).event_type,
  );
}

describe("Gusto simulator employment calls", () => {
  it("updates a job against its version and reports it as an employee update", async () => {
    const job = employee().jobs[0];
    if (!job) throw new Error("no job");
    const stale = await call("PUT", `/v1/jobs/${job.uuid}`, { version: "old", title: "X" });
    expect(stale.status).toBe(409);
    const updated = await call("PUT", `/v1/jobs/${job.uuid}`, {
      version: job.version,
      title: "Principal",
    });
    expect(updated).toMatchObject({ status: 200, body: { title: "Principal" } });
    expect(await eventTypes()).toEqual(["employee.updated"]);
  });

  it("adds an effective-dated compensation that becomes current, and refuses a second on that day", async () => {
    const job = employee().jobs[0];
    if (!job) throw new Error("no job");
    const body = {
      rate: "90000.00",
      payment_unit: "Year",
      flsa_status: "Exempt",
      effective_date: "2031-01-01",
    };
    const created = await call("POST", `/v1/jobs/${job.uuid}/compensations`, body);
    expect(created.status).toBe(201);
    const read = await call("GET", `/v1/jobs/${job.uuid}`);
    expect(read.body).toMatchObject({
      current_compensation_uuid: created.body.uuid,
      rate: "90000.00",
    });
    expect((await call("POST", `/v1/jobs/${job.uuid}/compensations`, body)).status).toBe(422);
    expect(await eventTypes()).toEqual(["employee_job_compensation.created"]);
  });

  it("moves the active termination and rehires at the company's work location", async () => {
    const { uuid } = employee();
    expect(
      (await call("POST", `/v1/employees/${uuid}/rehire`, {})).status,
      "rehire needs a terminated employee",
    ).toBe(422);
    await call("POST", `/v1/employees/${uuid}/terminations`, { effective_date: "2026-12-01" });
    const [termination] = (await call("GET", `/v1/employees/${uuid}/terminations`))
      .body as unknown as { version: string }[];
    const moved = await call("PUT", `/v1/terminations/${uuid}`, {
      version: termination?.version,
      effective_date: "2026-12-15",
    });
    expect(moved).toMatchObject({ status: 200, body: { effective_date: "2026-12-15" } });

    const [address] = (await call("GET", `/v1/employees/${uuid}/work_addresses`))
      .body as unknown as { location_uuid: string }[];
    const rehired = await call("POST", `/v1/employees/${uuid}/rehire`, {
      effective_date: "2027-01-04",
      file_new_hire_report: false,
      work_location_uuid: address?.location_uuid,
      employment_status: "part_time_under_twenty_hours",
    });
    expect(rehired.status).toBe(201);
    expect((await call("GET", `/v1/employees/${uuid}`)).body).toMatchObject({
      terminated: false,
      current_employment_status: "part_time_under_twenty_hours",
    });
    expect(await eventTypes()).toEqual([
      "employee.terminated",
      "employee.updated",
      "employee.rehired",
    ]);
  });

  it("enrolls an employee in a company benefit and fires employee_benefit.created", async () => {
    const { uuid } = employee();
    const plans = (await call("GET", `/v1/companies/${COMPANY_ID}/company_benefits`))
      .body as unknown as { uuid: string }[];
    const created = await call("POST", `/v1/employees/${uuid}/employee_benefits`, {
      company_benefit_uuid: plans[0]?.uuid,
      employee_deduction: "10.00",
      contribution: { type: "percentage", value: "2.00" },
    });
    expect(created).toMatchObject({
      status: 201,
      body: {
        employee_deduction: "10.00",
        company_contribution: "2.00",
        contribute_as_percentage: true,
        contribution: { type: "percentage", value: "2.00" },
      },
    });
    expect(await eventTypes()).toEqual(["employee_benefit.created"]);
  });
});

describe("Gusto simulator admin edits", () => {
  async function admin(method: string, path: string, body?: unknown) {
    const response = await fetch(`${simulator.url}/_admin${path}`, {
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: await response.json() };
  }

  it("edits pay, personal fields and the termination date, firing Gusto's events", async () => {
    const { uuid } = employee();
    expect(
      (await admin("PATCH", `/employees/${uuid}`, { termination_date: "2026-10-01" })).status,
    ).toBe(422);
    const edited = await admin("PATCH", `/employees/${uuid}`, {
      phone: "5550100",
      date_of_birth: "1985-04-12",
      current_employment_status: "seasonal",
      rate: "31.25",
      payment_unit: "Hour",
      flsa_status: "Nonexempt",
      status: "terminated",
      termination_date: "2026-10-01",
    });
    expect(edited.status).toBe(200);
    const record = simulator.state.employees().find((candidate) => candidate.uuid === uuid);
    expect(record).toMatchObject({
      phone: "5550100",
      date_of_birth: "1985-04-12",
      current_employment_status: "seasonal",
      terminated: true,
      terminations: [{ effective_date: "2026-10-01", active: true }],
      jobs: [{ rate: "31.25", payment_unit: "Hour" }],
    });
    await admin("PATCH", `/employees/${uuid}`, { termination_date: "2026-10-15" });
    expect(await eventTypes()).toEqual([
      "employee.updated",
      "employee_job_compensation.updated",
      "employee.terminated",
      "employee.updated",
    ]);
  });

  it("lists and edits benefit enrollments without a version", async () => {
    const { uuid } = employee();
    const list = await admin("GET", `/employee_benefits?employee_uuid=${uuid}`);
    const [first] = list.body as { uuid: string }[];
    const edited = await admin("PATCH", `/employee_benefits/${first?.uuid}`, {
      active: false,
      expiration_date: "2026-06-30",
      contribution: { type: "amount", value: "150.00" },
    });
    expect(edited).toMatchObject({
      status: 200,
      body: { active: false, expiration_date: "2026-06-30", company_contribution: "150.00" },
    });
    expect(
      (await admin("PATCH", `/employee_benefits/${first?.uuid}`, { employee_deduction: "x" }))
        .status,
    ).toBe(422);
    expect((await admin("GET", "/company_benefits")).body).toHaveLength(2);
    expect(await eventTypes()).toEqual(["employee_benefit.updated"]);
  });
});
