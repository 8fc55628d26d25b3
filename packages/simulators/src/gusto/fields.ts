import type { Employee } from "@tandem/hr-model";

export const GUSTO_PAYMENT_UNITS = ["Hour", "Week", "Month", "Year", "Paycheck"] as const;
export const GUSTO_FLSA_STATUSES = [
  "Exempt",
  "Salaried Nonexempt",
  "Nonexempt",
  "Owner",
  "Commission Only Exempt",
  "Commission Only Nonexempt",
] as const;

/** One effective-dated pay rate of a job; `rate` is a decimal string such as "60000.00". */
export interface GustoCompensation {
  uuid: string;
  version: string;
  job_uuid: string;
  rate: string;
  payment_unit: (typeof GUSTO_PAYMENT_UNITS)[number];
  flsa_status: (typeof GUSTO_FLSA_STATUSES)[number];
  effective_date: string;
}

export interface GustoJob {
  uuid: string;
  version: string;
  employee_uuid: string;
  title: string | null;
  hire_date: string | null;
  primary: boolean;
  /** The current compensation's rate and unit, repeated on the job as Gusto does. */
  rate: string;
  payment_unit: GustoCompensation["payment_unit"];
  current_compensation_uuid: string;
  compensations: GustoCompensation[];
}

export type GustoCompensationUpdate = {
  version: string;
} & Partial<Pick<GustoCompensation, "rate" | "payment_unit" | "flsa_status" | "effective_date">>;

const RATE = /^\d{1,9}(\.\d{1,2})?$/;

/** `PUT /v1/compensations/{id}`: version required; rate a decimal string; enums exact. */
export function parseGustoCompensationUpdate(input: unknown): GustoParse<GustoCompensationUpdate> {
  if (!isObject(input)) {
    return { ok: false, errors: [invalid("base", "Body must be a JSON object")] };
  }
  const errors: GustoError[] = [];
  if (typeof input.version !== "string" || input.version === "") {
    errors.push(invalid("version", "version is required"));
  }
  const update: GustoCompensationUpdate = { version: String(input.version) };
  if (input.rate !== undefined) {
    if (typeof input.rate === "string" && RATE.test(input.rate)) update.rate = input.rate;
    else errors.push(invalid("rate", 'rate must be a decimal string such as "60000.00"'));
  }
  if (input.payment_unit !== undefined) {
    const unit = GUSTO_PAYMENT_UNITS.find((allowed) => allowed === input.payment_unit);
    if (unit) update.payment_unit = unit;
    else
      errors.push(
        invalid("payment_unit", `payment_unit must be one of ${GUSTO_PAYMENT_UNITS.join(", ")}`),
      );
  }
  if (input.flsa_status !== undefined) {
    const status = GUSTO_FLSA_STATUSES.find((allowed) => allowed === input.flsa_status);
    if (status) update.flsa_status = status;
    else
      errors.push(
        invalid("flsa_status", `flsa_status must be one of ${GUSTO_FLSA_STATUSES.join(", ")}`),
      );
  }
  if (input.effective_date !== undefined) {
    if (typeof input.effective_date === "string" && DATE.test(input.effective_date)) {
      update.effective_date = input.effective_date;
    } else {
      errors.push(invalid("effective_date", "effective_date must be a date (YYYY-MM-DD)"));
    }
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: update };
}

export interface GustoTermination {
  uuid: string;
  version: string;
  employee_uuid: string;
  active: boolean;
  cancelable: boolean;
  effective_date: string;
  run_termination_payroll: boolean;
}

export interface GustoEmployeeRecord {
  uuid: string;
  /** 32 hex characters; changes on every write, and PUT must send the current one. */
  version: string;
  company_uuid: string;
  first_name: string;
  middle_initial: string | null;
  last_name: string;
  preferred_first_name: string | null;
  /** Personal email, used for the onboarding invitation. */
  email: string | null;
  work_email: string | null;
  phone: string | null;
  date_of_birth: string | null;
  department: string | null;
  current_employment_status: GustoEmploymentStatus | null;
  jobs: GustoJob[];
  terminated: boolean;
  terminations: GustoTermination[];
  onboarded: boolean;
  onboarding_status: "onboarding_completed" | "admin_onboarding_incomplete";
}

/** The person fields writable through create and update. */
export const GUSTO_PERSON_FIELDS = [
  "first_name",
  "middle_initial",
  "last_name",
  "preferred_first_name",
  "email",
  "work_email",
  "phone",
  "date_of_birth",
  "department",
  "current_employment_status",
] as const;
export type GustoPersonFields = Partial<
  Pick<GustoEmployeeRecord, (typeof GUSTO_PERSON_FIELDS)[number]>
>;

/** Gusto's `current_employment_status` values (API version 2025-06-15). */
export const GUSTO_EMPLOYMENT_STATUSES = [
  "full_time",
  "part_time_under_twenty_hours",
  "part_time_twenty_plus_hours",
  "variable",
  "seasonal",
] as const;
export type GustoEmploymentStatus = (typeof GUSTO_EMPLOYMENT_STATUSES)[number];

/**
 * The flat form the admin API and page use: person fields plus the primary job, its current
 * compensation (edited in place), the status and the active termination's date.
 */
export interface GustoAdminFields extends GustoPersonFields {
  job_title?: string | null;
  hire_date?: string | null;
  status?: GustoAdminStatus;
  termination_date?: string | null;
  rate?: string;
  payment_unit?: GustoCompensation["payment_unit"];
  flsa_status?: GustoCompensation["flsa_status"];
  compensation_effective_date?: string;
}
export const GUSTO_ADMIN_STATUSES = ["active", "onboarding", "terminated"] as const;
export type GustoAdminStatus = (typeof GUSTO_ADMIN_STATUSES)[number];

export interface GustoError {
  error_key: string;
  category: string;
  message: string;
}

export type GustoParse<T> = { ok: true; value: T } | { ok: false; errors: GustoError[] };

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_FIELDS = new Set([
  "date_of_birth",
  "hire_date",
  "termination_date",
  "compensation_effective_date",
]);
const EMAIL = /^[^@\s]+@[^@\s]+$/;

/** `YYYY-MM-DD` naming a real day (no 2026-02-30). */
export function isCalendarDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

function invalid(key: string, message: string): GustoError {
  return { error_key: key, category: "invalid_attribute_value", message };
}

function isObject(input: unknown): input is Record<string, unknown> {
  return typeof input === "object" && input !== null && !Array.isArray(input);
}

/**
 * Reads string fields the way a Rails API does: unknown keys are ignored, known ones must be
 * strings or null, names cannot be blank, emails and dates must be well formed.
 */
function readStringFields(
  input: Record<string, unknown>,
  names: readonly string[],
  errors: GustoError[],
): Record<string, string | null> {
  const fields: Record<string, string | null> = {};
  for (const name of names) {
    if (!(name in input)) continue;
    const raw = input[name];
    if (raw !== null && typeof raw !== "string") {
      errors.push(invalid(name, `${name} must be a string`));
      continue;
    }
    const value = raw === null || raw.trim() === "" ? null : raw.trim();
    if ((name === "first_name" || name === "last_name") && value === null) {
      errors.push(invalid(name, `${name === "first_name" ? "First" : "Last"} name can't be blank`));
    } else if (
      (name === "email" || name === "work_email") &&
      value !== null &&
      !EMAIL.test(value)
    ) {
      errors.push(invalid(name, `${name} is not a valid email address`));
    } else if (DATE_FIELDS.has(name) && value !== null && !isCalendarDate(value)) {
      errors.push(invalid(name, `${name} must be a date (YYYY-MM-DD)`));
    } else if (
      name === "current_employment_status" &&
      value !== null &&
      !GUSTO_EMPLOYMENT_STATUSES.some((allowed) => allowed === value)
    ) {
      errors.push(invalid(name, `${name} must be one of ${GUSTO_EMPLOYMENT_STATUSES.join(", ")}`));
    }
    fields[name] = value;
  }
  return fields;
}

function requireNames(fields: object, errors: GustoError[]): void {
  if (!("first_name" in fields) && !errors.some((e) => e.error_key === "first_name")) {
    errors.push(invalid("first_name", "First name can't be blank"));
  }
  if (!("last_name" in fields) && !errors.some((e) => e.error_key === "last_name")) {
    errors.push(invalid("last_name", "Last name can't be blank"));
  }
}

export function parseGustoCreate(input: unknown): GustoParse<GustoPersonFields> {
  if (!isObject(input))
    return { ok: false, errors: [invalid("base", "Body must be a JSON object")] };
  const errors: GustoError[] = [];
  const fields = readStringFields(input, GUSTO_PERSON_FIELDS, errors);
  requireNames(fields, errors);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: fields };
}

export function parseGustoUpdate(
  input: unknown,
): GustoParse<{ version: string; fields: GustoPersonFields }> {
  if (!isObject(input))
    return { ok: false, errors: [invalid("base", "Body must be a JSON object")] };
  const errors: GustoError[] = [];
  if (typeof input.version !== "string" || input.version === "") {
    errors.push(invalid("version", "version is required"));
  }
  const fields = readStringFields(input, GUSTO_PERSON_FIELDS, errors);
  return errors.length > 0
    ? { ok: false, errors }
    : { ok: true, value: { version: input.version as string, fields } };
}

export function parseGustoTermination(
  input: unknown,
): GustoParse<{ effective_date: string; run_termination_payroll: boolean }> {
  if (
    !isObject(input) ||
    typeof input.effective_date !== "string" ||
    !isCalendarDate(input.effective_date)
  ) {
    return {
      ok: false,
      errors: [invalid("effective_date", "effective_date must be a date (YYYY-MM-DD)")],
    };
  }
  return {
    ok: true,
    value: {
      effective_date: input.effective_date,
      run_termination_payroll: input.run_termination_payroll === true,
    },
  };
}

export function parseGustoAdminFields(
  input: unknown,
  mode: "create" | "update",
): GustoParse<GustoAdminFields> {
  if (!isObject(input))
    return { ok: false, errors: [invalid("base", "Body must be a JSON object")] };
  const errors: GustoError[] = [];
  const { rate, payment_unit, flsa_status } = input;
  const fields: GustoAdminFields = readStringFields(
    input,
    [...GUSTO_PERSON_FIELDS, "job_title", "hire_date", "termination_date"],
    errors,
  );
  const pay = parseGustoCompensationUpdate({ version: "admin", rate, payment_unit, flsa_status });
  if (pay.ok) {
    const { version: _version, ...payFields } = pay.value;
    Object.assign(fields, payFields);
  } else {
    errors.push(...pay.errors);
  }
  if (input.compensation_effective_date !== undefined) {
    const value = input.compensation_effective_date;
    if (typeof value === "string" && isCalendarDate(value)) {
      fields.compensation_effective_date = value;
    } else {
      errors.push(
        invalid(
          "compensation_effective_date",
          "compensation_effective_date must be a date (YYYY-MM-DD)",
        ),
      );
    }
  }

  if ("status" in input) {
    const status = input.status;
    if (GUSTO_ADMIN_STATUSES.some((allowed) => allowed === status)) {
      fields.status = status as GustoAdminStatus;
    } else {
      errors.push(invalid("status", `status must be one of ${GUSTO_ADMIN_STATUSES.join(", ")}`));
    }
  }
  if (mode === "create") requireNames(fields, errors);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: fields };
}

export function adminFieldsFromEmployee(employee: Employee): GustoAdminFields & {
  termination_date: string | null;
} {
  return {
    first_name: employee.firstName,
    last_name: employee.lastName,
    preferred_first_name: employee.preferredName ?? null,
    work_email: employee.workEmail ?? null,
    department: employee.department ?? null,
    job_title: employee.jobTitle ?? null,
    hire_date: employee.startDate ?? null,
    status:
      employee.status === "terminated"
        ? "terminated"
        : employee.status === "pending"
          ? "onboarding"
          : "active",
    termination_date: employee.terminationDate ?? null,
  };
}
