import {
  GUSTO_EMPLOYMENT_STATUSES,
  GUSTO_FLSA_STATUSES,
  GUSTO_PAYMENT_UNITS,
  isCalendarDate,
  parseGustoCompensationUpdate,
  type GustoCompensation,
  type GustoEmploymentStatus,
  type GustoError,
  type GustoParse,
} from "./fields";

function invalid(key: string, message: string): GustoError {
  return { error_key: key, category: "invalid_attribute_value", message };
}

function asObject(input: unknown): Record<string, unknown> | null {
  return typeof input === "object" && input !== null && !Array.isArray(input)
    ? (input as Record<string, unknown>)
    : null;
}

const notAnObject: GustoParse<never> = {
  ok: false,
  errors: [invalid("base", "Body must be a JSON object")],
};

function readVersion(body: Record<string, unknown>, errors: GustoError[]): string {
  if (typeof body.version !== "string" || body.version === "") {
    errors.push(invalid("version", "version is required"));
    return "";
  }
  return body.version;
}

function readDate(
  body: Record<string, unknown>,
  name: string,
  errors: GustoError[],
  options: { required?: boolean; nullable?: boolean } = {},
): string | null | undefined {
  const value = body[name];
  if (value === undefined) {
    if (options.required) errors.push(invalid(name, `${name} is required`));
    return undefined;
  }
  if (value === null && options.nullable) return null;
  if (typeof value === "string" && isCalendarDate(value)) return value;
  errors.push(invalid(name, `${name} must be a date (YYYY-MM-DD)`));
  return undefined;
}

export interface GustoJobFields {
  title?: string | null;
  hire_date?: string | null;
}

function readJobFields(body: Record<string, unknown>, errors: GustoError[]): GustoJobFields {
  const fields: GustoJobFields = {};
  if (body.title !== undefined) {
    if (body.title === null || typeof body.title === "string") {
      fields.title = body.title === null || body.title.trim() === "" ? null : body.title.trim();
    } else {
      errors.push(invalid("title", "title must be a string"));
    }
  }
  const hireDate = readDate(body, "hire_date", errors, { nullable: true });
  if (hireDate !== undefined) fields.hire_date = hireDate;
  return fields;
}

/** `PUT /v1/jobs/{job_id}`: `version` required; `title` and `hire_date`. */
export function parseGustoJobUpdate(
  input: unknown,
): GustoParse<{ version: string; fields: GustoJobFields }> {
  const body = asObject(input);
  if (!body) return notAnObject;
  const errors: GustoError[] = [];
  const version = readVersion(body, errors);
  const fields = readJobFields(body, errors);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: { version, fields } };
}

/** `POST /v1/employees/{employee_id}/jobs`: `title` and `hire_date`. */
export function parseGustoJobCreate(input: unknown): GustoParse<GustoJobFields> {
  const body = asObject(input);
  if (!body) return notAnObject;
  const errors: GustoError[] = [];
  const fields = readJobFields(body, errors);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: fields };
}

export type GustoCompensationCreate = Pick<
  GustoCompensation,
  "rate" | "payment_unit" | "flsa_status"
> & { effective_date?: string };

/**
 * `POST /v1/jobs/{job_id}/compensations`: `payment_unit` and `flsa_status` required, `rate` a
 * decimal string, `effective_date` the day the new rate starts (today when absent).
 */
export function parseGustoCompensationCreate(input: unknown): GustoParse<GustoCompensationCreate> {
  const body = asObject(input);
  if (!body) return notAnObject;
  const parsed = parseGustoCompensationUpdate({ ...body, version: "new" });
  if (!parsed.ok) return parsed;
  const errors: GustoError[] = [];
  const { rate, payment_unit, flsa_status, effective_date } = parsed.value;
  if (payment_unit === undefined) {
    errors.push(
      invalid("payment_unit", `payment_unit must be one of ${GUSTO_PAYMENT_UNITS.join(", ")}`),
    );
  }
  if (flsa_status === undefined) {
    errors.push(
      invalid("flsa_status", `flsa_status must be one of ${GUSTO_FLSA_STATUSES.join(", ")}`),
    );
  }
  if (effective_date !== undefined && !isCalendarDate(effective_date)) {
    errors.push(invalid("effective_date", "effective_date must be a date (YYYY-MM-DD)"));
  }
  if (errors.length > 0 || payment_unit === undefined || flsa_status === undefined) {
    return { ok: false, errors };
  }
  return {
    ok: true,
    value: {
      rate: rate ?? "0.00",
      payment_unit,
      flsa_status,
      ...(effective_date === undefined ? {} : { effective_date }),
    },
  };
}

/** `PUT /v1/terminations/{employee_id}`: the active termination's `version` and new date. */
export function parseGustoTerminationUpdate(
  input: unknown,
): GustoParse<{ version: string; effective_date?: string; run_termination_payroll?: boolean }> {
  const body = asObject(input);
  if (!body) return notAnObject;
  const errors: GustoError[] = [];
  const version = readVersion(body, errors);
  const effectiveDate = readDate(body, "effective_date", errors);
  const payroll = body.run_termination_payroll;
  if (payroll !== undefined && typeof payroll !== "boolean") {
    errors.push(
      invalid("run_termination_payroll", "run_termination_payroll must be true or false"),
    );
  }
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      version,
      ...(typeof effectiveDate === "string" ? { effective_date: effectiveDate } : {}),
      ...(typeof payroll === "boolean" ? { run_termination_payroll: payroll } : {}),
    },
  };
}

export interface GustoRehireFields {
  effective_date: string;
  file_new_hire_report: boolean;
  work_location_uuid: string;
  employment_status?: GustoEmploymentStatus;
}

/**
 * `POST /v1/employees/{employee_id}/rehire`: `effective_date`, `file_new_hire_report` and
 * `work_location_uuid` required; `employment_status` optional.
 */
export function parseGustoRehire(input: unknown): GustoParse<GustoRehireFields> {
  const body = asObject(input);
  if (!body) return notAnObject;
  const errors: GustoError[] = [];
  const effectiveDate = readDate(body, "effective_date", errors, { required: true });
  if (typeof body.file_new_hire_report !== "boolean") {
    errors.push(invalid("file_new_hire_report", "file_new_hire_report must be true or false"));
  }
  if (typeof body.work_location_uuid !== "string" || body.work_location_uuid === "") {
    errors.push(invalid("work_location_uuid", "work_location_uuid is required"));
  }
  const status = GUSTO_EMPLOYMENT_STATUSES.find((allowed) => allowed === body.employment_status);
  if (body.employment_status !== undefined && status === undefined) {
    errors.push(
      invalid(
        "employment_status",
        `employment_status must be one of ${GUSTO_EMPLOYMENT_STATUSES.join(", ")}`,
      ),
    );
  }
  if (errors.length > 0 || typeof effectiveDate !== "string") return { ok: false, errors };
  return {
    ok: true,
    value: {
      effective_date: effectiveDate,
      file_new_hire_report: body.file_new_hire_report === true,
      work_location_uuid: String(body.work_location_uuid),
      ...(status === undefined ? {} : { employment_status: status }),
    },
  };
}
