import type { Employee } from "@tandem/hr-model";

/**
 * A BambooHR employee as the API reads it. Fields come in three groups, as in BambooHR:
 * plain fields written by `POST /v1/employees/{id}`; fields BambooHR derives from the current
 * row of the effective-dated `employmentStatus` table (status, terminationDate,
 * employmentHistoryStatus); and fields derived from the current `compensation` row (payRate,
 * payType, payPer, exempt, payRateEffectiveDate). The derived ones change only through table
 * rows (see store.ts), never by writing them directly (status and terminationDate are the
 * exception the legacy update path relies on: the store turns them into rows).
 */
export interface BambooHrEmployeeRecord {
  /** Numeric string, as BambooHR ids are. */
  id: string;
  employeeNumber: string | null;
  firstName: string;
  lastName: string;
  preferredName: string | null;
  workEmail: string | null;
  homeEmail: string | null;
  mobilePhone: string | null;
  dateOfBirth: string | null;
  jobTitle: string | null;
  department: string | null;
  hireDate: string | null;
  status: "Active" | "Inactive";
  terminationDate: string | null;
  employmentHistoryStatus: string | null;
  /** `"50000.00 USD"`: the current compensation row's rate and currency. */
  payRate: string | null;
  payType: string | null;
  payPer: string | null;
  exempt: string | null;
  payRateEffectiveDate: string | null;
  /** ISO instant of the last change, as the `lastChanged` of `/employees/changed`. */
  lastChanged: string;
}

export type BambooHrFieldName = Exclude<keyof BambooHrEmployeeRecord, "id" | "lastChanged">;
export type BambooHrFields = Partial<Pick<BambooHrEmployeeRecord, BambooHrFieldName>>;

/** Fields `POST /v1/employees` and `POST /v1/employees/{id}` write as they are. */
export const BAMBOOHR_PLAIN_FIELD_NAMES = [
  "employeeNumber",
  "firstName",
  "lastName",
  "preferredName",
  "workEmail",
  "homeEmail",
  "mobilePhone",
  "dateOfBirth",
  "jobTitle",
  "department",
  "hireDate",
] as const satisfies readonly BambooHrFieldName[];
export type BambooHrPlainFieldName = (typeof BAMBOOHR_PLAIN_FIELD_NAMES)[number];

/** Fields BambooHR derives from the `employmentStatus` table's current row. */
export const BAMBOOHR_EMPLOYMENT_FIELD_NAMES = [
  "status",
  "terminationDate",
  "employmentHistoryStatus",
] as const satisfies readonly BambooHrFieldName[];

/** Fields BambooHR derives from the `compensation` table's current row. */
export const BAMBOOHR_PAY_FIELD_NAMES = [
  "payRate",
  "payType",
  "payPer",
  "exempt",
  "payRateEffectiveDate",
] as const satisfies readonly BambooHrFieldName[];

export const BAMBOOHR_FIELD_NAMES = [
  ...BAMBOOHR_PLAIN_FIELD_NAMES,
  ...BAMBOOHR_EMPLOYMENT_FIELD_NAMES,
  ...BAMBOOHR_PAY_FIELD_NAMES,
] as const satisfies readonly BambooHrFieldName[];

const DATE_FIELDS = new Set<string>([
  "hireDate",
  "terminationDate",
  "dateOfBirth",
  "payRateEffectiveDate",
]);
const EMAIL_FIELDS = new Set<string>(["workEmail", "homeEmail"]);

/** What `POST /v1/employees[/{id}]` accepts: plain fields, plus the legacy status pair. */
export type BambooHrEmployeeWrite = Partial<Pick<BambooHrEmployeeRecord, BambooHrPlainFieldName>> &
  Partial<Pick<BambooHrEmployeeRecord, "status" | "terminationDate">>;

export type FieldsResult =
  { ok: true; fields: BambooHrEmployeeWrite } | { ok: false; status: number; message: string };

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isValidDate(value: string): boolean {
  return DATE.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
}

function isFieldName(name: string): name is BambooHrFieldName {
  return (BAMBOOHR_FIELD_NAMES as readonly string[]).includes(name);
}

function isWritableName(name: string): name is keyof BambooHrEmployeeWrite {
  return (
    (BAMBOOHR_PLAIN_FIELD_NAMES as readonly string[]).includes(name) ||
    name === "status" ||
    name === "terminationDate"
  );
}

/** The table a derived field lives in, for the error that says where to write it instead. */
function tableOf(name: BambooHrFieldName): string {
  return (BAMBOOHR_PAY_FIELD_NAMES as readonly string[]).includes(name)
    ? "compensation"
    : "employmentStatus";
}

/**
 * Validates an employee write the way BambooHR answers it: a missing or empty name is a 400,
 * a value a field cannot hold is a 409 ("invalid value"), and empty strings clear optional
 * fields. Table fields (pay, employment history) are refused with a 400 that names the table.
 */
export function parseBambooHrFields(input: unknown, mode: "create" | "update"): FieldsResult {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return { ok: false, status: 400, message: "The request body must be a JSON object of fields." };
  }
  const fields: Record<string, string | null> = {};
  for (const [name, raw] of Object.entries(input as Record<string, unknown>)) {
    if (!isWritableName(name)) {
      if (isFieldName(name)) {
        return {
          ok: false,
          status: 400,
          message: `Field "${name}" is stored in the ${tableOf(name)} table; add a row to /tables/${tableOf(name)}.`,
        };
      }
      return { ok: false, status: 400, message: `Unknown field "${name}".` };
    }
    if (raw !== null && typeof raw !== "string") {
      return { ok: false, status: 400, message: `Field "${name}" must be a string.` };
    }
    const value = raw === null ? "" : raw.trim();
    if (name === "firstName" || name === "lastName") {
      if (value === "")
        return { ok: false, status: 400, message: `Missing required field "${name}".` };
    } else if (name === "status" && value !== "Active" && value !== "Inactive") {
      return { ok: false, status: 409, message: `Invalid value for field "status": ${value}.` };
    } else if (DATE_FIELDS.has(name) && value !== "" && !isValidDate(value)) {
      return { ok: false, status: 409, message: `Invalid value for field "${name}": ${value}.` };
    } else if (EMAIL_FIELDS.has(name) && value !== "" && !/^[^@\s]+@[^@\s]+$/.test(value)) {
      return { ok: false, status: 409, message: `Invalid value for field "${name}": ${value}.` };
    }
    fields[name] = value === "" ? null : value;
  }
  if (mode === "create") {
    for (const name of ["firstName", "lastName"] as const) {
      if (fields[name] === undefined) {
        return { ok: false, status: 400, message: `Missing required field "${name}".` };
      }
    }
  }
  return { ok: true, fields: fields };
}

/** A generated person's plain fields; the store seeds status and pay as table rows. */
export function fieldsFromEmployee(employee: Employee): BambooHrEmployeeWrite {
  return {
    employeeNumber: employee.employeeNumber ?? null,
    firstName: employee.firstName,
    lastName: employee.lastName,
    preferredName: employee.preferredName ?? null,
    workEmail: employee.workEmail ?? null,
    homeEmail: employee.personalEmail ?? null,
    mobilePhone: employee.phone ?? null,
    dateOfBirth: employee.dateOfBirth ?? null,
    jobTitle: employee.jobTitle ?? null,
    department: employee.department ?? null,
    hireDate: employee.startDate ?? null,
    status: employee.status === "terminated" ? "Inactive" : "Active",
    terminationDate: employee.terminationDate ?? null,
  };
}

/** The JSON BambooHR returns for a record: requested fields only, unset dates as 0000-00-00. */
export function toBambooHrJson(
  record: BambooHrEmployeeRecord,
  fieldNames: readonly string[],
): Record<string, string | null> {
  const json: Record<string, string | null> = { id: record.id };
  for (const name of fieldNames) {
    if (!isFieldName(name)) continue;
    const value = record[name];
    json[name] = value === null && DATE_FIELDS.has(name) ? "0000-00-00" : value;
  }
  return json;
}
