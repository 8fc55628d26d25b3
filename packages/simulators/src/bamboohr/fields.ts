import type { Employee } from "@tandem/hr-model";

export interface BambooHrEmployeeRecord {
  /** Numeric string, as BambooHR ids are. */
  id: string;
  firstName: string;
  lastName: string;
  preferredName: string | null;
  workEmail: string | null;
  jobTitle: string | null;
  department: string | null;
  status: "Active" | "Inactive";
  hireDate: string | null;
  terminationDate: string | null;
  /** ISO instant of the last change, as the `lastChanged` of `/employees/changed`. */
  lastChanged: string;
}

export type BambooHrFields = Partial<Omit<BambooHrEmployeeRecord, "id" | "lastChanged">>;
export type BambooHrFieldName = keyof BambooHrFields;

export const BAMBOOHR_FIELD_NAMES = [
  "firstName",
  "lastName",
  "preferredName",
  "workEmail",
  "jobTitle",
  "department",
  "status",
  "hireDate",
  "terminationDate",
] as const satisfies readonly BambooHrFieldName[];

export type FieldsResult =
  { ok: true; fields: BambooHrFields } | { ok: false; status: number; message: string };

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function isValidDate(value: string): boolean {
  return DATE.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
}

function isFieldName(name: string): name is BambooHrFieldName {
  return (BAMBOOHR_FIELD_NAMES as readonly string[]).includes(name);
}

/**
 * Validates a write the way BambooHR answers it: a missing or empty name is a 400, a value
 * a field cannot hold is a 409 ("invalid value"), and empty strings clear optional fields.
 */
export function parseBambooHrFields(input: unknown, mode: "create" | "update"): FieldsResult {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return { ok: false, status: 400, message: "The request body must be a JSON object of fields." };
  }
  const fields: Record<string, string | null> = {};
  for (const [name, raw] of Object.entries(input as Record<string, unknown>)) {
    if (!isFieldName(name)) {
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
    } else if (
      (name === "hireDate" || name === "terminationDate") &&
      value !== "" &&
      !isValidDate(value)
    ) {
      return { ok: false, status: 409, message: `Invalid value for field "${name}": ${value}.` };
    } else if (name === "workEmail" && value !== "" && !/^[^@\s]+@[^@\s]+$/.test(value)) {
      return { ok: false, status: 409, message: `Invalid value for field "workEmail": ${value}.` };
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
  return { ok: true, fields };
}

export function fieldsFromEmployee(employee: Employee): BambooHrFields {
  return {
    firstName: employee.firstName,
    lastName: employee.lastName,
    preferredName: employee.preferredName ?? null,
    workEmail: employee.workEmail ?? null,
    jobTitle: employee.jobTitle ?? null,
    department: employee.department ?? null,
    status: employee.status === "terminated" ? "Inactive" : "Active",
    hireDate: employee.startDate ?? null,
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
    json[name] =
      value === null && (name === "hireDate" || name === "terminationDate") ? "0000-00-00" : value;
  }
  return json;
}
