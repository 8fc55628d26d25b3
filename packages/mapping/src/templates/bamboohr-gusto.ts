import type { MappingDocumentInput } from "../document-schema";
import { field, templateDocument } from "./template-layout";

const renames: [string, string][] = [
  ["firstName", "first_name"],
  ["lastName", "last_name"],
  ["preferredName", "preferred_first_name"],
  ["workEmail", "work_email"],
  ["homeEmail", "email"],
  ["dateOfBirth", "date_of_birth"],
  ["hireDate", "job.hire_date"],
  ["terminationDate", "termination.effective_date"],
  ["jobTitle", "job.title"],
  ["department", "department"],
  ["payRateEffectiveDate", "compensation.effective_date"],
];

/**
 * A BambooHR-shaped HRIS employee (A) ⇄ a Gusto-shaped payroll employee with its primary job
 * and current compensation (B). Everything is two-way except the phone number and the
 * employment type, which the HRIS owns and sends one way.
 */
export const bambooHrGustoTemplate: MappingDocumentInput = templateDocument({
  id: "template.bamboohr-gusto",
  name: "BambooHR ⇄ Gusto: employees, jobs and compensation",
  description:
    "HRIS identity and job data flow to payroll and back; payroll owns pay. Contractors stay out of payroll.",
  sideA: {
    system: "bamboohr",
    entity: "employee",
    fields: [
      field("employeeNumber", "string"),
      field("firstName", "string", { required: true, nullable: false }),
      field("lastName", "string", { required: true, nullable: false }),
      field("preferredName", "string"),
      field("workEmail", "email", { required: true, nullable: false }),
      field("homeEmail", "email", { sensitive: true }),
      field("mobilePhone", "phone", { sensitive: true }),
      field("dateOfBirth", "date", { sensitive: true }),
      field("hireDate", "date"),
      field("terminationDate", "date"),
      field("status", "enum", {
        required: true,
        nullable: false,
        enumValues: ["Active", "Inactive"],
      }),
      field("employmentHistoryStatus", "enum", {
        enumValues: ["Full-Time", "Part-Time", "Intern", "Contractor"],
      }),
      field("jobTitle", "string"),
      field("department", "string"),
      field("payRate", "string", { label: 'Pay rate ("50000.00 USD")' }),
      field("payPer", "enum", { enumValues: ["Hour", "Week", "Month", "Year"] }),
      field("exempt", "enum", { enumValues: ["Exempt", "Non-exempt"] }),
      field("payRateEffectiveDate", "date"),
    ],
  },
  sideB: {
    system: "gusto",
    entity: "employee",
    fields: [
      field("first_name", "string", { required: true, nullable: false }),
      field("last_name", "string", { required: true, nullable: false }),
      field("preferred_first_name", "string"),
      field("work_email", "email", { required: true, nullable: false }),
      field("email", "email", { sensitive: true }),
      field("phone", "phone", { sensitive: true }),
      field("date_of_birth", "date", { sensitive: true }),
      field("terminated", "boolean", { nullable: false }),
      field("department", "string"),
      field("current_employment_status", "enum", {
        enumValues: [
          "full_time",
          "part_time_under_twenty_hours",
          "part_time_twenty_plus_hours",
          "variable",
          "seasonal",
        ],
      }),
      field("job.title", "string"),
      field("job.hire_date", "date"),
      field("termination.effective_date", "date"),
      field("compensation.rate", "decimal"),
      field("compensation.payment_unit", "enum", {
        enumValues: ["Hour", "Week", "Month", "Year", "Paycheck"],
      }),
      field("compensation.flsa_status", "enum", {
        enumValues: [
          "Exempt",
          "Salaried Nonexempt",
          "Nonexempt",
          "Owner",
          "Commission Only Exempt",
          "Commission Only Nonexempt",
        ],
      }),
      field("compensation.effective_date", "date"),
    ],
  },
  nodes: [
    {
      id: "status-to-terminated",
      type: "enumMap",
      data: {
        label: "Status → terminated",
        entries: [
          { from: "Active", to: false },
          { from: "Inactive", to: true },
        ],
      },
    },
    {
      id: "employment-type",
      type: "enumMap",
      data: {
        label: "Employment type",
        entries: [
          { from: "Full-Time", to: "full_time" },
          { from: "Part-Time", to: "part_time_twenty_plus_hours" },
          { from: "Intern", to: "variable" },
        ],
        unmapped: { action: "skip" },
      },
    },
    {
      id: "pay-rate",
      type: "money",
      data: { label: "Pay rate", from: "decimal-with-code", to: "decimal-string", currency: "USD" },
    },
    {
      id: "pay-unit",
      type: "enumMap",
      data: {
        label: "Pay unit",
        entries: [
          { from: "Hour", to: "Hour" },
          { from: "Week", to: "Week" },
          { from: "Month", to: "Month" },
          { from: "Year", to: "Year" },
        ],
      },
    },
    {
      id: "flsa",
      type: "enumMap",
      data: {
        label: "FLSA status",
        entries: [
          { from: "Exempt", to: "Exempt" },
          { from: "Non-exempt", to: "Nonexempt" },
        ],
      },
    },
    {
      id: "phone-digits",
      type: "expression",
      data: {
        label: "Phone digits only",
        expression: '$replace(phone, /[^0-9+]/, "")',
        inputs: ["phone"],
      },
    },
    {
      id: "not-contractor",
      type: "filter",
      data: {
        label: "No contractors in payroll",
        predicate: { test: "notEquals", value: "Contractor" },
      },
    },
    {
      id: "hris-owns-identity",
      type: "conflictRule",
      data: { label: "HRIS owns identity and job", strategy: "a-wins" },
    },
    {
      id: "payroll-owns-pay",
      type: "conflictRule",
      data: { label: "Payroll owns pay", strategy: "b-wins" },
    },
    {
      id: "match-work-email",
      type: "matchKey",
      data: { label: "Work email", normalize: "case-insensitive" },
    },
  ],
  edges: [
    ...renames.map(([from, to]) => ({ from: `a.${from}`, to: `b.${to}` })),
    { from: "a.status", to: "status-to-terminated.in" },
    { from: "status-to-terminated.out", to: "b.terminated" },
    { from: "a.employmentHistoryStatus", to: "employment-type.in" },
    { from: "employment-type.out", to: "b.current_employment_status", oneWay: true },
    { from: "a.payRate", to: "pay-rate.in" },
    { from: "pay-rate.out", to: "b.compensation.rate" },
    { from: "a.payPer", to: "pay-unit.in" },
    { from: "pay-unit.out", to: "b.compensation.payment_unit" },
    { from: "a.exempt", to: "flsa.in" },
    { from: "flsa.out", to: "b.compensation.flsa_status" },
    { from: "a.mobilePhone", to: "phone-digits.phone" },
    { from: "phone-digits.out", to: "b.phone", oneWay: true },
    { from: "a.employmentHistoryStatus", to: "not-contractor.in" },
    ...["firstName", "lastName", "workEmail", "jobTitle", "department"].map((name) => ({
      from: `a.${name}`,
      to: "hris-owns-identity.fields",
    })),
    ...["compensation.rate", "compensation.payment_unit", "compensation.effective_date"].map(
      (name) => ({
        from: `b.${name}`,
        to: "payroll-owns-pay.fields",
      }),
    ),
    { from: "a.workEmail", to: "match-work-email.a" },
    { from: "b.work_email", to: "match-work-email.b" },
  ],
});
