import { seedHash, seededPayHistory } from "../shared/seeded-pay";
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
  type: string;
  paidPer: string;
  paySchedule: string;
  exempt: string;
  reason: string;
  comment: string;
}

const SCHEDULES = ["Twice a month", "Every other week", "Monthly", "Weekly"] as const;

/**
 * The seeded compensation history of a generated employee as table rows, oldest first: the
 * shared seeded pay of the person numbered by the employee id (the payroll simulator seeds the
 * same person with the same pay).
 */
export function bambooHrCompensationRows(
  record: Pick<BambooHrEmployeeRecord, "id" | "hireDate">,
): BambooHrCompensationRow[] {
  const h = seedHash(record.id);
  return seededPayHistory(Number(record.id), record.hireDate).map((step, index) => ({
    id: String(Number(record.id) * 100 + index + 1),
    employeeId: record.id,
    startDate: step.startDate,
    rate: { value: step.amount, currency: "USD" },
    type: step.hourly ? "Hourly" : "Salary",
    paidPer: step.hourly ? "Hour" : "Year",
    paySchedule: SCHEDULES[h % 3] ?? "Twice a month",
    exempt: step.hourly ? "Non-exempt" : "Exempt",
    reason: index === 0 ? "New Hire" : "Merit",
    comment: "",
  }));
}

const PAID_PER = ["Hour", "Day", "Week", "Month", "Quarter", "Year", "Pay Period"] as const;
const PAY_TYPES = ["Salary", "Hourly", "Commission", "Exception Hourly", "Contract"] as const;
const EXEMPT = ["Exempt", "Non-exempt"] as const;

export type CompensationInput = Omit<BambooHrCompensationRow, "id" | "employeeId">;
export type CompensationRowResult =
  { ok: true; row: Partial<CompensationInput> } | { ok: false; status: number; message: string };

function oneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === "string" && (values as readonly string[]).includes(value);
}

/**
 * Validates a compensation row written through the table API (`partial` for a row update,
 * where absent fields keep their value). A new row needs a start date, a rate and `paidPer`;
 * invalid option values are 409s, as BambooHR answers them.
 */
export function parseCompensationRow(input: unknown, partial: boolean): CompensationRowResult {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return { ok: false, status: 400, message: "The request body must be a JSON object of fields." };
  }
  const body = input as Record<string, unknown>;
  const known = [
    "startDate",
    "rate",
    "type",
    "paidPer",
    "paySchedule",
    "exempt",
    "reason",
    "comment",
  ];
  const unknown = Object.keys(body).find((name) => !known.includes(name));
  if (unknown !== undefined) {
    return {
      ok: false,
      status: 400,
      message: `Unknown field "${unknown}" for table compensation.`,
    };
  }
  const row: Partial<CompensationInput> = {};
  const invalid = (name: string, value: unknown): CompensationRowResult => ({
    ok: false,
    status: 409,
    message: `Invalid value for field "${name}": ${JSON.stringify(value)}.`,
  });
  if (body.startDate !== undefined || !partial) {
    if (typeof body.startDate !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(body.startDate)) {
      return {
        ok: false,
        status: 400,
        message: 'Field "startDate" must be a date written YYYY-MM-DD.',
      };
    }
    row.startDate = body.startDate;
  }
  if (body.rate !== undefined || !partial) {
    const rate = body.rate as { value?: unknown; currency?: unknown } | undefined;
    const value = typeof rate?.value === "number" ? String(rate.value) : rate?.value;
    if (typeof value !== "string" || !/^\d+(\.\d+)?$/.test(value))
      return invalid("rate", body.rate);
    if (typeof rate?.currency !== "string" || !/^[A-Z]{3}$/.test(rate.currency)) {
      return invalid("rate", body.rate);
    }
    row.rate = { value: Number(value).toFixed(2), currency: rate.currency };
  }
  if (body.paidPer !== undefined || !partial) {
    if (!oneOf(PAID_PER, body.paidPer)) return invalid("paidPer", body.paidPer);
    row.paidPer = body.paidPer;
  }
  if (body.type !== undefined) {
    if (!oneOf(PAY_TYPES, body.type)) return invalid("type", body.type);
    row.type = body.type;
  } else if (!partial) {
    row.type = row.paidPer === "Hour" ? "Hourly" : "Salary";
  }
  if (body.exempt !== undefined) {
    if (!oneOf(EXEMPT, body.exempt)) return invalid("exempt", body.exempt);
    row.exempt = body.exempt;
  } else if (!partial) {
    row.exempt = row.paidPer === "Hour" ? "Non-exempt" : "Exempt";
  }
  if (body.paySchedule !== undefined) {
    if (!oneOf(SCHEDULES, body.paySchedule)) return invalid("paySchedule", body.paySchedule);
    row.paySchedule = body.paySchedule;
  } else if (!partial) {
    row.paySchedule = "Twice a month";
  }
  for (const name of ["reason", "comment"] as const) {
    const value = body[name];
    if (value === undefined) {
      if (!partial) row[name] = "";
    } else if (typeof value !== "string") {
      return { ok: false, status: 400, message: `Field "${name}" must be a string.` };
    } else {
      row[name] = value;
    }
  }
  return { ok: true, row };
}

/**
 * The employee's pay fields as BambooHR derives them from the current compensation row (the
 * latest one starting today or earlier): `payRate` is "50000.00 USD".
 */
export function payFields(
  rows: readonly BambooHrCompensationRow[],
  today: string,
): Pick<
  BambooHrEmployeeRecord,
  "payRate" | "payType" | "payPer" | "exempt" | "payRateEffectiveDate"
> {
  const current = rows
    .filter((row) => row.startDate <= today)
    .sort((a, b) => a.startDate.localeCompare(b.startDate) || Number(a.id) - Number(b.id))
    .at(-1);
  return {
    payRate: current ? `${current.rate.value} ${current.rate.currency}` : null,
    payType: current?.type ?? null,
    payPer: current?.paidPer ?? null,
    exempt: current?.exempt ?? null,
    payRateEffectiveDate: current?.startDate ?? null,
  };
}
