import type { BambooHrEmployeeRecord } from "./fields";

/**
 * One row of BambooHR's effective-dated `compensation` table, as
 * `GET /v1/employees/{id}/tables/compensation` returns it (an array of rows).
 *
 * What this relies on: the research sheet names the table and its fields (`payRate`,
 * `payType`, `payPer`, `paySchedule`, `exempt`) and says money comes as decimal strings or
 * `{currency, amount}`. The row shape itself — `id`, `employeeId`, `startDate`,
 * `rate: {value, currency}`, `type`, `paidPer`, `paySchedule`, `exempt`, `reason`, `comment` —
 * follows BambooHR's public table documentation as given in Tandem issue #4; it is not
 * confirmed against a live account. Option values (`type`, `paidPer`, `paySchedule`) are set
 * per company in BambooHR; the simulator uses the defaults a new company starts with.
 */
export interface BambooHrCompensationRow {
  id: string;
  employeeId: string;
  startDate: string;
  rate: { value: string; currency: string };
  type: "Salary" | "Hourly";
  paidPer: "Year" | "Hour";
  paySchedule: "Twice a month" | "Every other week" | "Monthly";
  exempt: "Exempt" | "Non-exempt";
  reason: string;
  comment: string;
}

const SCHEDULES = ["Twice a month", "Every other week", "Monthly"] as const;

/** A small integer hash of a string, so rows depend on the employee id only. */
function hash(text: string): number {
  let value = 2166136261;
  for (const char of text) value = Math.imul(value ^ char.charCodeAt(0), 16777619) >>> 0;
  return value;
}

function addYears(isoDate: string, years: number): string {
  const year = Number(isoDate.slice(0, 4)) + years;
  return `${String(year).padStart(4, "0")}${isoDate.slice(4)}`;
}

/**
 * The employee's compensation history, oldest first: a starting rate on the hire date
 * (2020-01-01 when there is none) and one or two yearly raises. The same employee id always
 * gives the same rows; every third employee is hourly.
 */
export function bambooHrCompensationRows(
  record: BambooHrEmployeeRecord,
): BambooHrCompensationRow[] {
  const h = hash(record.id);
  const hourly = Number(record.id) % 3 === 0;
  const start = record.hireDate ?? "2020-01-01";
  const count = 2 + (h % 2);
  const rows: BambooHrCompensationRow[] = [];
  for (let index = 0; index < count; index++) {
    // Cents: salaries 50,000.00–89,999.00 a year, hourly 20.00–39.99, then +5% a step.
    const base = hourly ? 2000 + (h % 2000) : 5_000_000 + (h % 40_000) * 100;
    const cents = Math.round(base * 1.05 ** index);
    rows.push({
      id: String(Number(record.id) * 100 + index + 1),
      employeeId: record.id,
      startDate: addYears(start, index),
      rate: { value: (cents / 100).toFixed(2), currency: "USD" },
      type: hourly ? "Hourly" : "Salary",
      paidPer: hourly ? "Hour" : "Year",
      paySchedule: SCHEDULES[h % SCHEDULES.length] ?? "Twice a month",
      exempt: hourly ? "Non-exempt" : "Exempt",
      reason: index === 0 ? "New Hire" : "Merit",
      comment: "",
    });
  }
  return rows;
}
