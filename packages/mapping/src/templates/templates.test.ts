import { fileURLToPath } from "node:url";
import { format, resolveConfig } from "prettier";
import { describe, expect, it } from "vitest";
import { compileMapping } from "../compile-mapping";
import { evaluateAsync } from "../evaluate-async";
import { roundTrip } from "../round-trip";
import type { SyncPlan } from "../sync-plan";
import { bambooHrGustoTemplate, hrisBenefitDeductionsTemplate } from "./index";

/** Golden files are written as Prettier would, so formatting the repository leaves them alone. */
async function goldenText(plan: SyncPlan): Promise<string> {
  const options = await resolveConfig(fileURLToPath(import.meta.url));
  return format(JSON.stringify(plan), { ...options, parser: "json" });
}

function planOf(document: unknown): SyncPlan {
  const { plan, diagnostics } = compileMapping(document);
  if (!plan) throw new Error(JSON.stringify(diagnostics, null, 2));
  return plan;
}

const bambooEmployees = [
  {
    employeeNumber: "17",
    firstName: "Ada",
    lastName: "Lovelace",
    preferredName: "Addie",
    workEmail: "ada@example.com",
    homeEmail: "ada@home.example",
    mobilePhone: "(555) 123-4567",
    dateOfBirth: "1815-12-10",
    hireDate: "2020-01-06",
    terminationDate: null,
    status: "Active",
    employmentHistoryStatus: "Full-Time",
    jobTitle: "Engineer",
    department: "R&D",
    payRate: "120000.00 USD",
    payPer: "Year",
    exempt: "Exempt",
    payRateEffectiveDate: "2024-01-01",
  },
  {
    employeeNumber: "18",
    firstName: "Grace",
    lastName: "Hopper",
    preferredName: null,
    workEmail: "grace@example.com",
    homeEmail: null,
    dateOfBirth: "1906-12-09",
    hireDate: "2019-03-01",
    terminationDate: "2024-06-30",
    status: "Inactive",
    employmentHistoryStatus: "Part-Time",
    jobTitle: "Analyst",
    department: "Ops",
    payRate: "41.50 USD",
    payPer: "Hour",
    exempt: "Non-exempt",
    payRateEffectiveDate: "2023-07-01",
  },
];

const gustoEmployees = [
  {
    first_name: "Katherine",
    last_name: "Johnson",
    preferred_first_name: null,
    work_email: "kj@example.com",
    email: null,
    phone: "5550001111",
    date_of_birth: "1918-08-26",
    terminated: false,
    department: "Flight",
    current_employment_status: "full_time",
    job: { title: "Mathematician", hire_date: "2021-02-01" },
    termination: { effective_date: null },
    compensation: {
      rate: "98000.00",
      payment_unit: "Year",
      flsa_status: "Nonexempt",
      effective_date: "2024-02-01",
    },
  },
];

const enrollments = [
  {
    id: "be1",
    employeeId: "p1",
    employeeWorkEmail: "ada@example.com",
    benefitType: "401k",
    planName: "401(k)",
    employeeDeductionType: "percent",
    employeeDeductionAmount: 600,
    employeeDeductionAnnualMaximum: 2300000,
    companyContributionType: "percent",
    companyContributionAmount: 300,
    companyContributionAnnualMaximum: null,
    currency: "USD",
    frequency: "every_paycheck",
    effectiveDate: "2024-01-01",
    endDate: null,
  },
  {
    id: "be2",
    employeeId: "p2",
    employeeWorkEmail: "grace@example.com",
    benefitType: "medical",
    planName: "PPO",
    employeeDeductionType: "fixed",
    employeeDeductionAmount: 12550,
    employeeDeductionAnnualMaximum: null,
    companyContributionType: "fixed",
    companyContributionAmount: 45000,
    companyContributionAnnualMaximum: 540000,
    currency: "USD",
    frequency: "every_paycheck",
    effectiveDate: "2024-01-01",
    endDate: "2024-06-30",
  },
];

const gustoBenefits = [
  {
    company_benefit_uuid: "cb-dental",
    company_benefit_name: "Dental",
    employee_work_email: "kj@example.com",
    active: true,
    employee_deduction: "15.00",
    deduct_as_percentage: false,
    employee_deduction_annual_maximum: null,
    contribution: { type: "amount", value: "20.00" },
    company_contribution_annual_maximum: null,
    effective_date: "2024-03-01",
    expiration_date: null,
  },
];

describe("BambooHR ⇄ Gusto template", () => {
  const plan = planOf(bambooHrGustoTemplate);

  it("compiles to the golden plan", async () => {
    await expect(await goldenText(plan)).toMatchFileSnapshot("./golden/bamboohr-gusto.plan.json");
  });

  it("warns only about the enum values it leaves unmapped on purpose", () => {
    expect(plan.diagnostics.map((d) => [d.severity, d.code, d.nodeId])).toEqual([
      ["warning", "enum-value-unmapped", "employment-type"],
      ["warning", "enum-value-unmapped", "flsa"],
      ["warning", "enum-value-unmapped", "pay-unit"],
    ]);
  });

  it("marks exactly the phone number and the employment type one-way", () => {
    expect(plan.aToB.targets.filter((t) => t.mode === "one-way").map((t) => t.field)).toEqual([
      "current_employment_status",
      "phone",
    ]);
  });

  it("round-trips cleanly both ways", async () => {
    const report = await roundTrip(plan, { a: bambooEmployees, b: gustoEmployees });
    expect(report.fields.filter((field) => field.status !== "clean")).toEqual([]);
    expect(report.clean).toBe(true);
  });

  it("reports a field that does not come back as it went, with an example", async () => {
    const report = await roundTrip(plan, {
      a: [{ ...bambooEmployees[0], payRate: "50000.5 USD" }],
    });
    expect(report.clean).toBe(false);
    expect(report.fields.find((field) => field.field === "payRate")).toMatchObject({
      status: "lossy",
      example: {
        sample: 0,
        before: "50000.5 USD",
        after: "50000.50 USD",
        intermediate: { compensation: { rate: "50000.50" } },
      },
    });
  });

  it("maps an employee to payroll, phone digits included, and keeps contractors out", async () => {
    const result = await evaluateAsync(plan, "aToB", bambooEmployees[0]);
    expect(result.skipped).toEqual([]);
    expect(result.record).toMatchObject({
      phone: "5551234567",
      terminated: false,
      compensation: { rate: "120000.00", payment_unit: "Year", flsa_status: "Exempt" },
    });
    const contractor = await evaluateAsync(plan, "aToB", {
      ...bambooEmployees[0],
      employmentHistoryStatus: "Contractor",
    });
    expect(contractor.excludedBy?.node).toBe("not-contractor");
  });
});

describe("HRIS ⇄ benefit deductions template", () => {
  const plan = planOf(hrisBenefitDeductionsTemplate);

  it("compiles to the golden plan without warnings", async () => {
    expect(plan.diagnostics).toEqual([]);
    await expect(await goldenText(plan)).toMatchFileSnapshot(
      "./golden/hris-benefit-deductions.plan.json",
    );
  });

  it("round-trips cleanly both ways", async () => {
    const report = await roundTrip(plan, { a: enrollments, b: gustoBenefits });
    expect(report.fields.filter((field) => field.status !== "clean")).toEqual([]);
  });

  it("stops the deduction in payroll when the enrollment ends", async () => {
    const ended = await evaluateAsync(plan, "aToB", enrollments[1]);
    expect(ended.record).toMatchObject({
      active: false,
      expiration_date: "2024-06-30",
      employee_deduction: "125.50",
    });
  });
});
