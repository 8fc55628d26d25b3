import type { HiBobEmployeeRecord } from "./fields";

/**
 * One entry of `GET /v1/people/{id}/salaries`, which Bob wraps as `{ values: [...] }`.
 *
 * What this relies on: the research sheet documents the write side
 * (`POST /v1/people/{id}/salaries {base{value,currency}, payPeriod, payFrequency,
 * effectiveDate}`), Bob's money as a number plus ISO currency, and the enums `payPeriod`
 * (Annual, Hourly, Daily, Weekly, Monthly) and `payFrequency` (Monthly, Semi Monthly, Weekly,
 * Bi-Weekly). The read reply's `{values: [{id, effectiveDate, base, payPeriod, payFrequency,
 * ...}]}` shape follows Bob's salaries table documentation as quoted in issue #4; it is not
 * confirmed against a live account.
 */
export interface HiBobSalaryEntry {
  id: number;
  effectiveDate: string;
  base: { value: number; currency: string };
  payPeriod: "Annual" | "Hourly" | "Daily" | "Weekly" | "Monthly";
  payFrequency: "Monthly" | "Semi Monthly" | "Weekly" | "Bi-Weekly";
  reason: string | null;
}

const CURRENCIES = ["GBP", "USD", "EUR", "ILS"] as const;
const FREQUENCIES = ["Monthly", "Semi Monthly", "Weekly", "Bi-Weekly"] as const;

function hash(text: string): number {
  let value = 2166136261;
  for (const char of text) value = Math.imul(value ^ char.charCodeAt(0), 16777619) >>> 0;
  return value;
}

function addYears(isoDate: string, years: number): string {
  return `${String(Number(isoDate.slice(0, 4)) + years).padStart(4, "0")}${isoDate.slice(4)}`;
}

/**
 * The person's salary history, oldest first: a starting salary on the start date and one or
 * two yearly raises, in one currency per person; every fourth person (by id hash) is hourly,
 * with rates in whole cents. The same id always gives the same entries.
 */
export function hiBobSalaryEntries(record: HiBobEmployeeRecord): HiBobSalaryEntry[] {
  const h = hash(record.id);
  const hourly = h % 4 === 0;
  const currency = CURRENCIES[h % CURRENCIES.length] ?? "GBP";
  const count = 2 + (h % 2);
  const entries: HiBobSalaryEntry[] = [];
  for (let index = 0; index < count; index++) {
    // Hourly 18.00–41.99 in cents; annual 40,000–99,000 in whole units; +6% a year.
    const cents = hourly ? 1800 + (h % 2400) : (40_000 + (h % 60) * 1000) * 100;
    const value = Math.round(cents * 1.06 ** index) / 100;
    entries.push({
      id: (h % 100_000) * 10 + index + 1,
      effectiveDate: addYears(record.work.startDate, index),
      base: { value, currency },
      payPeriod: hourly ? "Hourly" : "Annual",
      payFrequency: FREQUENCIES[h % FREQUENCIES.length] ?? "Monthly",
      reason: index === 0 ? "Hire" : "Annual review",
    });
  }
  return entries;
}
