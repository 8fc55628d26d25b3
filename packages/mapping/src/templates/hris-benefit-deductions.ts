import { sideFieldsFromModel } from "../side-schema";
import type { MappingDocumentInput } from "../document-schema";
import { field, templateDocument } from "./template-layout";

const moneyPairs: [string, string, string][] = [
  ["employee-deduction", "employeeDeductionAmount", "employee_deduction"],
  ["employee-annual-max", "employeeDeductionAnnualMaximum", "employee_deduction_annual_maximum"],
  ["company-contribution", "companyContributionAmount", "contribution.value"],
  ["company-annual-max", "companyContributionAnnualMaximum", "company_contribution_annual_maximum"],
];

/**
 * Tandem's normalized benefit enrollment as the HRIS holds it (A) ⇄ a Gusto-shaped employee
 * benefit, i.e. the payroll deduction and company contribution (B). Amounts are integers on
 * A and decimal strings on B; a percentage in basis points and an amount in cents both have
 * two decimals, so one conversion serves both. Currency and frequency come back from payroll
 * as constants (Gusto pays USD, per paycheck); `active` goes to payroll only.
 */
export const hrisBenefitDeductionsTemplate: MappingDocumentInput = templateDocument({
  id: "template.hris-benefit-deductions",
  name: "HRIS ⇄ payroll: benefit deductions and contributions",
  description:
    "Benefit enrollments become payroll deductions; changes payroll makes flow back; ending an enrollment stops the deduction.",
  sideA: {
    system: "hris",
    entity: "BenefitEnrollment",
    fields: [
      ...sideFieldsFromModel("BenefitEnrollment"),
      field("employeeWorkEmail", "email", { required: true, nullable: false }),
    ],
  },
  sideB: {
    system: "gusto",
    entity: "employee_benefit",
    fields: [
      field("company_benefit_uuid", "id"),
      field("company_benefit_name", "string"),
      field("employee_work_email", "email", { required: true, nullable: false }),
      field("active", "boolean", { nullable: false }),
      field("employee_deduction", "decimal", { required: true, nullable: false }),
      field("deduct_as_percentage", "boolean", { nullable: false }),
      field("employee_deduction_annual_maximum", "decimal"),
      field("contribution.type", "enum", { enumValues: ["amount", "percentage"] }),
      field("contribution.value", "decimal"),
      field("company_contribution_annual_maximum", "decimal"),
      field("effective_date", "date", { required: true, nullable: false }),
      field("expiration_date", "date"),
    ],
  },
  nodes: [
    {
      id: "company-benefit",
      type: "lookup",
      data: {
        label: "Benefit type → company benefit",
        entries: [
          { from: "401k", to: "cb-401k" },
          { from: "401k_roth", to: "cb-401k-roth" },
          { from: "medical", to: "cb-medical" },
          { from: "dental", to: "cb-dental" },
          { from: "vision", to: "cb-vision" },
          { from: "hsa", to: "cb-hsa" },
        ],
      },
    },
    {
      id: "deduction-type",
      type: "enumMap",
      data: {
        label: "Deduct as percentage",
        entries: [
          { from: "fixed", to: false },
          { from: "percent", to: true },
        ],
      },
    },
    {
      id: "contribution-type",
      type: "enumMap",
      data: {
        label: "Contribution type",
        entries: [
          { from: "fixed", to: "amount" },
          { from: "percent", to: "percentage" },
        ],
      },
    },
    ...moneyPairs.map(([id]) => ({
      id,
      type: "money" as const,
      data: {
        label: "Cents or basis points ⇄ decimal",
        from: "minor" as const,
        to: "decimal-string" as const,
        currency: "USD",
        decimals: 2,
      },
    })),
    { id: "usd", type: "constant", data: { label: "Payroll pays in USD", value: "USD" } },
    {
      id: "every-paycheck",
      type: "constant",
      data: { label: "Deducted every paycheck", value: "every_paycheck" },
    },
    {
      id: "active-when-not-ended",
      type: "condition",
      data: { label: "Active unless ended", predicate: { test: "empty" } },
    },
    { id: "true", type: "constant", data: { value: true } },
    { id: "false", type: "constant", data: { value: false } },
    {
      id: "only-payroll-benefits",
      type: "filter",
      data: {
        label: "Benefits payroll deducts",
        predicate: {
          test: "in",
          values: ["401k", "401k_roth", "medical", "dental", "vision", "hsa"],
        },
      },
    },
    {
      id: "payroll-owns-amounts",
      type: "conflictRule",
      data: { label: "Payroll owns amounts", strategy: "b-wins" },
    },
    {
      id: "review-end-dates",
      type: "conflictRule",
      data: { label: "Review end dates", strategy: "manual-review" },
    },
    { id: "match-email", type: "matchKey", data: { normalize: "case-insensitive", priority: 0 } },
    { id: "match-plan", type: "matchKey", data: { normalize: "case-insensitive", priority: 0 } },
  ],
  edges: [
    { from: "a.benefitType", to: "company-benefit.in" },
    { from: "company-benefit.out", to: "b.company_benefit_uuid" },
    { from: "a.employeeDeductionType", to: "deduction-type.in" },
    { from: "deduction-type.out", to: "b.deduct_as_percentage" },
    { from: "a.companyContributionType", to: "contribution-type.in" },
    { from: "contribution-type.out", to: "b.contribution.type" },
    ...moneyPairs.flatMap(([id, a, b]) => [
      { from: `a.${a}`, to: `${id}.in` },
      { from: `${id}.out`, to: `b.${b}` },
    ]),
    { from: "a.effectiveDate", to: "b.effective_date" },
    { from: "a.endDate", to: "b.expiration_date" },
    { from: "a.employeeWorkEmail", to: "b.employee_work_email" },
    { from: "usd.out", to: "a.currency" },
    { from: "every-paycheck.out", to: "a.frequency" },
    { from: "a.endDate", to: "active-when-not-ended.test" },
    { from: "true.out", to: "active-when-not-ended.then" },
    { from: "false.out", to: "active-when-not-ended.else" },
    { from: "active-when-not-ended.out", to: "b.active", oneWay: true },
    { from: "a.benefitType", to: "only-payroll-benefits.in" },
    { from: "b.employee_deduction", to: "payroll-owns-amounts.fields" },
    { from: "b.contribution.value", to: "payroll-owns-amounts.fields" },
    { from: "a.endDate", to: "review-end-dates.fields" },
    { from: "a.employeeWorkEmail", to: "match-email.a" },
    { from: "b.employee_work_email", to: "match-email.b" },
    { from: "a.planName", to: "match-plan.a" },
    { from: "b.company_benefit_name", to: "match-plan.b" },
  ],
});
