import {
  startGustoSimulator,
  type GustoEmployeeRecord,
  type SimulatorHandle,
} from "@tandem/simulators";
import { BenefitEnrollment } from "@tandem/hr-model";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConnectorError } from "../contract";
import type { FetchFn } from "../http";
import { GustoConnector } from "./connector";

const COMPANY_ID = "9c8b7a6f-5e4d-4c3b-a291-0f1e2d3c4b5a";
const TOKEN = "gusto-benefits-token";

let simulator: SimulatorHandle<GustoEmployeeRecord>;

beforeEach(async () => {
  simulator = await startGustoSimulator({
    companyId: COMPANY_ID,
    accessToken: TOKEN,
    seed: { count: 4, seed: 17 },
    retrySchedule: [],
  });
});

afterEach(async () => {
  await simulator.close();
});

function connector(fetch?: FetchFn): GustoConnector {
  return new GustoConnector(
    {
      kind: "gusto",
      baseUrl: simulator.url,
      companyId: COMPANY_ID,
      accessToken: TOKEN,
      webhookVerificationToken: "unused",
    },
    { allowPrivateNetwork: true, ...(fetch ? { fetch } : {}) },
  );
}

function firstEmployee(): string {
  const record = simulator.state.employees()[0];
  if (!record) throw new Error("empty seed");
  return record.uuid;
}

/** Reads the raw enrollment over HTTP, as Gusto holds it. */
async function rawBenefit(uuid: string): Promise<Record<string, unknown>> {
  const response = await fetch(`${simulator.url}/v1/employee_benefits/${uuid}`, {
    headers: { Authorization: `Bearer ${TOKEN}` },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}

async function rejection(promise: Promise<unknown>): Promise<ConnectorError> {
  const caught = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!(caught instanceof ConnectorError)) throw new Error("expected a ConnectorError");
  return caught;
}

async function enrollments(gusto = connector()) {
  const list = await gusto.listBenefitEnrollments(firstEmployee());
  const [medical, dental] = list;
  if (!medical || !dental) throw new Error("the first seeded employee has medical and dental");
  return { medical, dental };
}

describe("Gusto benefit enrollments", () => {
  it("reads enrollments as hr-model BenefitEnrollments: cents and basis points", async () => {
    const employeeId = firstEmployee();
    const { medical, dental } = await enrollments();
    expect(medical).toMatchObject({
      employeeId,
      benefitType: "medical",
      planName: "Blue Shield PPO",
      employeeDeductionType: "fixed",
      employeeDeductionAmount: 7_500,
      employeeDeductionAnnualMaximum: null,
      companyContributionType: "fixed",
      companyContributionAmount: 30_000,
      companyContributionAnnualMaximum: 360_000,
      currency: "USD",
      frequency: "every_paycheck",
      effectiveDate: "2026-01-01",
      endDate: null,
    });
    expect(dental).toMatchObject({
      benefitType: "dental",
      planName: "Delta Dental",
      employeeDeductionType: "percent",
      employeeDeductionAmount: 50,
      employeeDeductionAnnualMaximum: 120_000,
      companyContributionAmount: 0,
      endDate: "2026-12-31",
    });
    expect(medical.version).toBe((await rawBenefit(medical.id)).version);
    for (const enrollment of [medical, dental]) {
      expect(BenefitEnrollment.safeParse(enrollment).success).toBe(true);
    }
  });

  it("writes the deduction and contribution back with the version, exactly", async () => {
    const gusto = connector();
    const { medical } = await enrollments(gusto);
    const { version } = await gusto.updateBenefitEnrollment(
      medical.id,
      {
        ...medical,
        employeeDeductionType: "percent",
        employeeDeductionAmount: 325,
        employeeDeductionAnnualMaximum: 2_300_000,
        companyContributionType: "fixed",
        companyContributionAmount: 12_345,
        companyContributionAnnualMaximum: null,
        endDate: "2026-06-30",
      },
      { version: medical.version, idempotencyKey: "benefit-1" },
    );
    expect(version).not.toBe(medical.version);
    expect(await rawBenefit(medical.id)).toMatchObject({
      version,
      employee_deduction: "3.25",
      deduct_as_percentage: true,
      employee_deduction_annual_maximum: "23000.00",
      company_contribution: "123.45",
      contribute_as_percentage: false,
      company_contribution_annual_maximum: null,
      effective_date: "2026-01-01",
      expiration_date: "2026-06-30",
    });
    const { medical: after } = await enrollments(gusto);
    expect(after).toMatchObject({
      employeeDeductionType: "percent",
      employeeDeductionAmount: 325,
      companyContributionAmount: 12_345,
      endDate: "2026-06-30",
      version,
    });
  });

  it("a stale version is a permanent 409 carrying Gusto's message, and writes nothing", async () => {
    const gusto = connector();
    const { medical } = await enrollments(gusto);
    await gusto.updateBenefitEnrollment(
      medical.id,
      { ...medical, employeeDeductionAmount: 10_000 },
      { version: medical.version, idempotencyKey: "first" },
    );
    const error = await rejection(
      gusto.updateBenefitEnrollment(
        medical.id,
        { ...medical, employeeDeductionAmount: 20_000 },
        { version: medical.version, idempotencyKey: "second" },
      ),
    );
    expect(error.kind).toBe("permanent");
    expect(error.details.status).toBe(409);
    expect(error.message).toContain("the employee benefit changed since you read it");
    expect((await rawBenefit(medical.id)).employee_deduction).toBe("100.00");
  });

  it("a value Gusto rejects is a permanent 422 carrying Gusto's message", async () => {
    const gusto = connector();
    const { medical } = await enrollments(gusto);
    const error = await rejection(
      gusto.updateBenefitEnrollment(
        medical.id,
        { ...medical, endDate: "2025-06-30" },
        { version: medical.version, idempotencyKey: "bad-dates" },
      ),
    );
    expect(error.kind).toBe("permanent");
    expect(error.details.status).toBe(422);
    expect(error.message).toContain(
      "expiration_date: expiration_date must not be before effective_date",
    );
  });

  it("refuses before writing what Gusto cannot hold", async () => {
    const gusto = connector();
    const { medical, dental } = await enrollments(gusto);
    const attempts = [
      gusto.updateBenefitEnrollment(
        medical.id,
        { ...medical, currency: "EUR" },
        { version: medical.version, idempotencyKey: "eur" },
      ),
      gusto.updateBenefitEnrollment(
        medical.id,
        { ...medical, frequency: "monthly" },
        { version: medical.version, idempotencyKey: "monthly" },
      ),
      gusto.updateBenefitEnrollment(
        dental.id,
        { ...dental, employeeDeductionAmount: 10_001 },
        { version: dental.version, idempotencyKey: "over-100" },
      ),
    ];
    for (const attempt of attempts) expect((await rejection(attempt)).kind).toBe("permanent");
    expect(simulator.state.requests.some((request) => request.method === "PUT")).toBe(false);
  });

  it.each([429, 500, 503])("a %i answer to the write is retryable", async (status) => {
    const failPuts: FetchFn = async (input, init) =>
      init?.method === "PUT"
        ? new Response(JSON.stringify({ message: "try later" }), {
            status,
            headers: { "Content-Type": "application/json" },
          })
        : fetch(input, init);
    const gusto = connector(failPuts);
    const { medical } = await enrollments(gusto);
    const error = await rejection(
      gusto.updateBenefitEnrollment(medical.id, medical, {
        version: medical.version,
        idempotencyKey: "flaky",
      }),
    );
    expect(error.kind).toBe("retryable");
    expect(error.details.status).toBe(status);
  });

  it("reads an unknown employee's enrollments as a permanent 404", async () => {
    const error = await rejection(connector().listBenefitEnrollments("no-such-employee"));
    expect(error).toMatchObject({ kind: "permanent", details: { status: 404 } });
  });
});
