import type { Employee } from "@tandem/hr-model";

/** The system's employment statuses, upper-case as many HR APIs write them. */
export const REST_STATUSES = ["ACTIVE", "ON_LEAVE", "TERMINATED", "PENDING"] as const;
export type RestStatus = (typeof REST_STATUSES)[number];

/** One employee as `GET /v1/employees/{id}` returns it. */
export interface RestEmployeeRecord {
  /** `emp_` + 16 hex characters. */
  id: string;
  name: { first: string; last: string; preferred: string | null };
  work_email: string | null;
  job_title: string | null;
  department: string | null;
  status: RestStatus;
  start_date: string | null;
  end_date: string | null;
  employee_number: string | null;
  created_at: string;
  updated_at: string;
}

/** The writable fields, flat: the API nests the names under `name`, the admin form does not. */
export interface RestWritableFields {
  first_name?: string;
  last_name?: string;
  preferred_name?: string | null;
  work_email?: string | null;
  job_title?: string | null;
  department?: string | null;
  status?: RestStatus;
  start_date?: string | null;
  end_date?: string | null;
  employee_number?: string | null;
}
export type RestFieldName = keyof RestWritableFields;

const NULLABLE_TEXT = [
  "preferred_name",
  "work_email",
  "job_title",
  "department",
  "start_date",
  "end_date",
  "employee_number",
] as const;
const DATE_FIELDS = new Set(["start_date", "end_date"]);
const EMAIL_FIELDS = new Set(["work_email"]);

/** A 422 detail: `field` is the JSON path as the API client wrote it, e.g. `name.last`. */
export interface RestFieldError {
  field: string;
  message: string;
}

export type RestParse<T> = { ok: true; value: T } | { ok: false; errors: RestFieldError[] };

/**
 * The description of this simulator's API for Tandem's generic REST connector
 * (`tandem.rest/v1`, validated by `@tandem/connectors`), with the simulator's URL as base URL.
 */
export const DEFAULT_REST_DESCRIPTION = {
  format: "tandem.rest/v1",
  auth: { type: "bearer" },
  idPath: "id",
  idempotencyKeyHeader: "Idempotency-Key",
  defaultPageSize: 50,
  endpoints: {
    list: {
      path: "/v1/employees",
      itemsPath: "data",
      paging: {
        style: "cursor",
        cursorParam: "cursor",
        limitParam: "limit",
        nextCursorPath: "next_cursor",
      },
    },
    get: { path: "/v1/employees/{id}" },
    create: { method: "POST", path: "/v1/employees", id: { from: "body", path: "id" } },
    update: { method: "PATCH", path: "/v1/employees/{id}" },
  },
  fields: {
    firstName: "name.first",
    lastName: "name.last",
    preferredName: "name.preferred",
    workEmail: "work_email",
    jobTitle: "job_title",
    department: "department",
    status: {
      path: "status",
      enum: { ACTIVE: "active", ON_LEAVE: "leave", TERMINATED: "terminated", PENDING: "pending" },
    },
    startDate: "start_date",
    terminationDate: "end_date",
    employeeNumber: "employee_number",
  },
  webhook: { typePath: "type", idPath: "data.id", changedAtPath: "timestamp" },
} as const;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

function isObject(input: unknown): input is Record<string, unknown> {
  return typeof input === "object" && input !== null && !Array.isArray(input);
}

/**
 * Validates flat writable fields read from `source` (`at` names each one the way the client
 * wrote it). `mode` "create" and "replace" require both names; "patch" only checks what is
 * there. Unknown keys are ignored, as read-only ones (`id`, timestamps) are on a PUT.
 */
function readWritableFields(
  read: (name: RestFieldName) => { present: boolean; value: unknown; at: string },
  mode: "create" | "replace" | "patch",
): RestParse<RestWritableFields> {
  const errors: RestFieldError[] = [];
  const fields: RestWritableFields = {};
  for (const name of ["first_name", "last_name"] as const) {
    const { present, value, at } = read(name);
    if (!present) {
      if (mode !== "patch") errors.push({ field: at, message: "is required" });
    } else if (typeof value !== "string" || value.trim() === "") {
      errors.push({ field: at, message: "must be a non-blank string" });
    } else {
      fields[name] = value.trim();
    }
  }
  for (const name of NULLABLE_TEXT) {
    const { present, value, at } = read(name);
    if (!present) {
      if (mode === "replace") fields[name] = null;
      continue;
    }
    if (value !== null && typeof value !== "string") {
      errors.push({ field: at, message: "must be a string or null" });
      continue;
    }
    const text = value === null || value.trim() === "" ? null : value.trim();
    if (text !== null && DATE_FIELDS.has(name) && !DATE.test(text)) {
      errors.push({ field: at, message: "must be a date (YYYY-MM-DD)" });
    } else if (text !== null && EMAIL_FIELDS.has(name) && !EMAIL.test(text)) {
      errors.push({ field: at, message: "must be an email address" });
    } else {
      fields[name] = text;
    }
  }
  const status = read("status");
  if (status.present) {
    const match = REST_STATUSES.find((allowed) => allowed === status.value);
    if (match === undefined) {
      errors.push({ field: status.at, message: `must be one of ${REST_STATUSES.join(", ")}` });
    } else {
      fields.status = match;
    }
  } else if (mode === "replace") {
    fields.status = "ACTIVE";
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: fields };
}

const NAME_KEYS: Partial<Record<RestFieldName, string>> = {
  first_name: "first",
  last_name: "last",
  preferred_name: "preferred",
};

/** An API body: names under `name` (`name.first`, `name.last`, `name.preferred`), the rest flat. */
export function parseRestEmployeeBody(
  input: unknown,
  mode: "create" | "replace" | "patch",
): RestParse<RestWritableFields> {
  if (!isObject(input)) {
    return { ok: false, errors: [{ field: "(body)", message: "must be a JSON object" }] };
  }
  const name = input.name;
  if (name !== undefined && !isObject(name)) {
    return { ok: false, errors: [{ field: "name", message: "must be an object" }] };
  }
  return readWritableFields((field) => {
    const nameKey = NAME_KEYS[field];
    if (nameKey !== undefined) {
      return {
        present: name !== undefined && nameKey in name,
        value: name?.[nameKey],
        at: `name.${nameKey}`,
      };
    }
    return { present: field in input, value: input[field], at: field };
  }, mode);
}

/** The admin form: every field flat, by its flat name (`first_name`, …, `status`). */
export function parseRestAdminFields(
  input: unknown,
  mode: "create" | "patch",
): RestParse<RestWritableFields> {
  if (!isObject(input)) {
    return { ok: false, errors: [{ field: "(body)", message: "must be a JSON object" }] };
  }
  return readWritableFields(
    (field) => ({ present: field in input, value: input[field], at: field }),
    mode,
  );
}

const STATUS_OF: Record<Employee["status"], RestStatus> = {
  active: "ACTIVE",
  leave: "ON_LEAVE",
  terminated: "TERMINATED",
  pending: "PENDING",
};

export function fieldsFromEmployee(employee: Employee): RestWritableFields {
  return {
    first_name: employee.firstName,
    last_name: employee.lastName,
    preferred_name: employee.preferredName ?? null,
    work_email: employee.workEmail ?? null,
    job_title: employee.jobTitle ?? null,
    department: employee.department ?? null,
    status: STATUS_OF[employee.status],
    start_date: employee.startDate ?? null,
    end_date: employee.terminationDate ?? null,
    employee_number: employee.employeeNumber ?? null,
  };
}
