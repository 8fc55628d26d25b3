import { isValidDate, type BambooHrEmployeeRecord } from "./fields";

/**
 * One row of BambooHR's effective-dated `employmentStatus` table
 * (`GET/POST /v1/employees/{id}/tables/employmentStatus`): from `date` on, the person's
 * employment status is `employmentStatus`. A termination is a row with "Terminated"; a rehire
 * is a later row with any other status. Rows are never deleted by a sync.
 *
 * The termination detail fields (`terminationReasonId`, `terminationTypeId`,
 * `terminationRehireId`, `terminationRegrettableId`) follow BambooHR's table documentation;
 * the simulator stores them as given and gives them no meaning.
 */
export interface BambooHrEmploymentStatusRow {
  id: string;
  employeeId: string;
  date: string;
  employmentStatus: string;
  terminationReasonId: string | null;
  terminationTypeId: string | null;
  terminationRehireId: string | null;
  terminationRegrettableId: string | null;
  comment: string | null;
}

/** The list field's options a new BambooHR company starts with. */
export const BAMBOOHR_EMPLOYMENT_STATUSES = [
  "Full-Time",
  "Part-Time",
  "Intern",
  "Contractor",
  "Terminated",
] as const;

export const TERMINATED = "Terminated";

export type EmploymentStatusInput = Omit<BambooHrEmploymentStatusRow, "id" | "employeeId">;
export type RowInputResult<T> =
  { ok: true; row: T } | { ok: false; status: number; message: string };

const OPTIONAL_TEXT = [
  "terminationReasonId",
  "terminationTypeId",
  "terminationRehireId",
  "terminationRegrettableId",
  "comment",
] as const;

/**
 * Validates a row written through the table API. `partial` is a row update
 * (`POST …/tables/employmentStatus/{rowId}`), where absent fields keep their value.
 */
export function parseEmploymentStatusRow(
  input: unknown,
  partial: boolean,
): RowInputResult<Partial<EmploymentStatusInput>> {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return { ok: false, status: 400, message: "The request body must be a JSON object of fields." };
  }
  const body = input as Record<string, unknown>;
  const row: Partial<EmploymentStatusInput> = {};
  for (const name of Object.keys(body)) {
    if (
      name !== "date" &&
      name !== "employmentStatus" &&
      !(OPTIONAL_TEXT as readonly string[]).includes(name)
    ) {
      return {
        ok: false,
        status: 400,
        message: `Unknown field "${name}" for table employmentStatus.`,
      };
    }
  }
  if (body.date !== undefined || !partial) {
    if (typeof body.date !== "string" || !isValidDate(body.date)) {
      return { ok: false, status: 400, message: 'Field "date" must be a date written YYYY-MM-DD.' };
    }
    row.date = body.date;
  }
  if (body.employmentStatus !== undefined || !partial) {
    const status = body.employmentStatus;
    if (
      typeof status !== "string" ||
      !(BAMBOOHR_EMPLOYMENT_STATUSES as readonly string[]).includes(status)
    ) {
      return {
        ok: false,
        status: 409,
        message: `Invalid value for field "employmentStatus": ${String(status)}.`,
      };
    }
    row.employmentStatus = status;
  }
  for (const name of OPTIONAL_TEXT) {
    const value = body[name];
    if (value === undefined) {
      if (!partial) row[name] = null;
      continue;
    }
    if (value !== null && typeof value !== "string" && typeof value !== "number") {
      return { ok: false, status: 400, message: `Field "${name}" must be a string.` };
    }
    row[name] = value === null || value === "" ? null : String(value);
  }
  return { ok: true, row };
}

/** Oldest first; rows on the same date apply in the order they were added. */
export function sortRows<T extends { id: string }>(
  rows: readonly T[],
  date: (row: T) => string,
): T[] {
  return [...rows].sort((a, b) => date(a).localeCompare(date(b)) || Number(a.id) - Number(b.id));
}

/**
 * What BambooHR shows on the employee for these rows on `today`: the current row (the last one
 * dated today or earlier) gives `employmentHistoryStatus`, and `status` is Inactive while it
 * is a termination. `terminationDate` is the date of the latest termination not undone by a
 * rehire that has taken effect, so a termination scheduled for a future date shows its date
 * while the person is still Active, as BambooHR shows a pending termination.
 */
export function employmentFields(
  rows: readonly BambooHrEmploymentStatusRow[],
  today: string,
): Pick<BambooHrEmployeeRecord, "status" | "terminationDate" | "employmentHistoryStatus"> {
  let current: BambooHrEmploymentStatusRow | undefined;
  let terminationDate: string | null = null;
  for (const row of sortRows(rows, (r) => r.date)) {
    const effective = row.date <= today;
    if (effective) current = row;
    if (row.employmentStatus === TERMINATED) terminationDate = row.date;
    else if (effective) terminationDate = null;
  }
  return {
    status: current?.employmentStatus === TERMINATED ? "Inactive" : "Active",
    terminationDate,
    employmentHistoryStatus: current?.employmentStatus ?? null,
  };
}
