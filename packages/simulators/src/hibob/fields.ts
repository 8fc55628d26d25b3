import type { Employee } from "@tandem/hr-model";

/** Bob's employee lifecycle statuses (`internal.lifecycleStatus`); not configurable per company. */
export const HIBOB_LIFECYCLE_STATUSES = [
  "Hired",
  "Employed",
  "Garden leave",
  "Leave",
  "Parental leave",
  "Terminated",
] as const;
export type HiBobLifecycleStatus = (typeof HIBOB_LIFECYCLE_STATUSES)[number];

export interface HiBobEmployeeRecord {
  /** About 19 digits, as Bob's employee ids are. */
  id: string;
  firstName: string;
  surname: string;
  /** Bob's `root.email` is the work email and the login; it is unique in a company. */
  email: string;
  displayName: string;
  work: {
    title: string | null;
    department: string | null;
    site: string;
    startDate: string;
  };
  internal: {
    lifecycleStatus: HiBobLifecycleStatus;
    /** Bob access status: Inactive once terminated. */
    status: "Active" | "Inactive";
    terminationDate: string | null;
  };
}

/**
 * The field paths the simulator serves, as the `fields` of a read names them. Bob silently
 * leaves out a path the service user may not read or that does not exist, and so does this.
 */
export const HIBOB_FIELD_PATHS = [
  "root.id",
  "root.firstName",
  "root.surname",
  "root.email",
  "root.displayName",
  "work.title",
  "work.department",
  "work.site",
  "work.startDate",
  "internal.lifecycleStatus",
  "internal.status",
  "internal.terminationDate",
] as const;
export type HiBobFieldPath = (typeof HIBOB_FIELD_PATHS)[number];

/** Bob's usual error body: a key and a human message. */
export interface HiBobError {
  key: string;
  error: string;
}

export type HiBobParse<T> = { ok: true; value: T } | { ok: false; error: HiBobError };

/** What create and update can set; nested like the API body. */
export interface HiBobPersonFields {
  firstName?: string;
  surname?: string;
  email?: string;
  work?: { title?: string | null; department?: string | null; site?: string; startDate?: string };
}

/** The flat form the admin page and admin API edit, as a person would in Bob's UI. */
export interface HiBobAdminFields {
  firstName?: string;
  surname?: string;
  email?: string;
  title?: string | null;
  department?: string | null;
  site?: string;
  startDate?: string;
  lifecycleStatus?: HiBobLifecycleStatus;
  terminationDate?: string | null;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const EMAIL = /^[^@\s]+@[^@\s]+$/;

function isObject(input: unknown): input is Record<string, unknown> {
  return typeof input === "object" && input !== null && !Array.isArray(input);
}

function isValidDate(value: string): boolean {
  return DATE.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
}

function bad(message: string): { ok: false; error: HiBobError } {
  return { ok: false, error: { key: "invalid_request", error: message } };
}

function readText(
  input: Record<string, unknown>,
  name: string,
  path: string,
  options: { nullable: boolean; check?: (value: string) => boolean; expected?: string },
): { ok: true; value: string | null | undefined } | { ok: false; error: HiBobError } {
  if (!(name in input)) return { ok: true, value: undefined };
  const raw = input[name];
  if (raw === null || (typeof raw === "string" && raw.trim() === "")) {
    return options.nullable ? { ok: true, value: null } : bad(`${path} is required.`);
  }
  if (typeof raw !== "string") return bad(`${path} must be a string.`);
  const value = raw.trim();
  if (options.check && !options.check(value)) {
    return bad(`${path} must be ${options.expected ?? "valid"}; got "${value}".`);
  }
  return { ok: true, value };
}

/**
 * Reads the body of `POST /v1/people` or `PUT /v1/people/{id}` the way Bob answers it: a 400
 * with `{key, error}` naming the field. Create needs firstName, surname, email, work.site and
 * work.startDate; unknown keys are ignored.
 */
export function parseHiBobPerson(
  input: unknown,
  mode: "create" | "update",
): HiBobParse<HiBobPersonFields> {
  if (!isObject(input)) return bad("The request body must be a JSON object.");
  const fields: HiBobPersonFields = {};
  for (const name of ["firstName", "surname"] as const) {
    const read = readText(input, name, name, { nullable: false });
    if (!read.ok) return read;
    if (read.value) fields[name] = read.value;
  }
  if (mode === "update" && "email" in input) {
    return bad("email cannot be changed here; use PUT /v1/people/{identifier}/email.");
  }
  const email = readText(input, "email", "email", {
    nullable: false,
    check: (value) => EMAIL.test(value),
    expected: "an email address",
  });
  if (!email.ok) return email;
  if (email.value) fields.email = email.value.toLowerCase();

  if ("work" in input && input.work !== undefined) {
    if (!isObject(input.work)) return bad("work must be an object.");
    const work: NonNullable<HiBobPersonFields["work"]> = {};
    for (const name of ["title", "department"] as const) {
      const read = readText(input.work, name, `work.${name}`, { nullable: true });
      if (!read.ok) return read;
      if (read.value !== undefined) work[name] = read.value;
    }
    const site = readText(input.work, "site", "work.site", { nullable: false });
    if (!site.ok) return site;
    if (site.value) work.site = site.value;
    const startDate = readText(input.work, "startDate", "work.startDate", {
      nullable: false,
      check: isValidDate,
      expected: "a date (YYYY-MM-DD)",
    });
    if (!startDate.ok) return startDate;
    if (startDate.value) work.startDate = startDate.value;
    fields.work = work;
  }

  if (mode === "create") {
    const missing = [
      fields.firstName === undefined ? "firstName" : null,
      fields.surname === undefined ? "surname" : null,
      fields.email === undefined ? "email" : null,
      fields.work?.site === undefined ? "work.site" : null,
      fields.work?.startDate === undefined ? "work.startDate" : null,
    ].filter((name): name is string => name !== null);
    if (missing.length > 0) return bad(`Missing required fields: ${missing.join(", ")}.`);
  }
  return { ok: true, value: fields };
}

/** Reads the body of `PUT /v1/people/{identifier}/email`: `{email}`. */
export function parseHiBobEmailChange(input: unknown): HiBobParse<string> {
  if (!isObject(input)) return bad("The request body must be a JSON object.");
  const email = readText(input, "email", "email", {
    nullable: false,
    check: (value) => EMAIL.test(value),
    expected: "an email address",
  });
  if (!email.ok) return email;
  if (!email.value) return bad("email is required.");
  return { ok: true, value: email.value.toLowerCase() };
}

export function parseHiBobAdminFields(
  input: unknown,
  mode: "create" | "update",
): HiBobParse<HiBobAdminFields> {
  if (!isObject(input)) return bad("The request body must be a JSON object.");
  const { lifecycleStatus, terminationDate, title, department, site, startDate, email, ...person } =
    input;
  const work = Object.fromEntries(
    Object.entries({ title, department, site, startDate }).filter(
      ([, value]) => value !== undefined,
    ),
  );
  const parsed = parseHiBobPerson({ ...person, work }, "update");
  if (!parsed.ok) return parsed;
  const fields: HiBobAdminFields = {
    ...(parsed.value.firstName === undefined ? {} : { firstName: parsed.value.firstName }),
    ...(parsed.value.surname === undefined ? {} : { surname: parsed.value.surname }),
    ...parsed.value.work,
  };
  if (email !== undefined) {
    const parsedEmail = parseHiBobEmailChange({ email });
    if (!parsedEmail.ok) return parsedEmail;
    fields.email = parsedEmail.value;
  }
  if (lifecycleStatus !== undefined) {
    const status = HIBOB_LIFECYCLE_STATUSES.find((allowed) => allowed === lifecycleStatus);
    if (status === undefined) {
      return bad(`lifecycleStatus must be one of ${HIBOB_LIFECYCLE_STATUSES.join(", ")}.`);
    }
    fields.lifecycleStatus = status;
  }
  if (terminationDate !== undefined) {
    const read = readText({ terminationDate }, "terminationDate", "terminationDate", {
      nullable: true,
      check: isValidDate,
      expected: "a date (YYYY-MM-DD)",
    });
    if (!read.ok) return read;
    fields.terminationDate = read.value ?? null;
  }
  if (mode === "create") {
    const missing = (["firstName", "surname", "email", "site", "startDate"] as const).filter(
      (name) => fields[name] === undefined,
    );
    if (missing.length > 0) return bad(`Missing required fields: ${missing.join(", ")}.`);
  }
  return { ok: true, value: fields };
}

/** Seeds Bob from a generated person: leave becomes Leave, pending becomes Hired. */
export function adminFieldsFromEmployee(employee: Employee, emailDomain: string): HiBobAdminFields {
  const lifecycleStatus: HiBobLifecycleStatus =
    employee.status === "terminated"
      ? "Terminated"
      : employee.status === "leave"
        ? "Leave"
        : employee.status === "pending"
          ? "Hired"
          : "Employed";
  const fallbackEmail = `${employee.firstName}.${employee.lastName}@${emailDomain}`
    .toLowerCase()
    .replace(/[^a-z0-9.@-]/g, "");
  return {
    firstName: employee.firstName,
    surname: employee.lastName,
    email: (employee.workEmail ?? fallbackEmail).toLowerCase(),
    title: employee.jobTitle ?? null,
    department: employee.department ?? null,
    site: "New York",
    startDate: employee.startDate ?? "2020-01-01",
    lifecycleStatus,
    terminationDate: employee.status === "terminated" ? (employee.terminationDate ?? null) : null,
  };
}

/** `dd/MM/yyyy`: how Bob shows a date when asked for human-readable values. */
function humanDate(value: string | null): string | null {
  if (value === null) return null;
  const [year, month, day] = value.split("-");
  return `${day}/${month}/${year}`;
}

function valueAt(record: HiBobEmployeeRecord, path: HiBobFieldPath): string | null {
  const [category, name] = path.split(".") as [string, string];
  if (category === "root") return (record as unknown as Record<string, string>)[name] ?? null;
  const group = (record as unknown as Record<string, Record<string, string | null>>)[category];
  return group?.[name] ?? null;
}

function humanValueAt(record: HiBobEmployeeRecord, path: HiBobFieldPath): string | null {
  const value = valueAt(record, path);
  return path === "work.startDate" || path === "internal.terminationDate"
    ? humanDate(value)
    : value;
}

function put(target: Record<string, unknown>, path: HiBobFieldPath, value: string | null): void {
  const [category, name] = path.split(".") as [string, string];
  if (category === "root") {
    target[name] = value;
    return;
  }
  const group = (target[category] ?? {}) as Record<string, unknown>;
  group[name] = value;
  target[category] = group;
}

export type HumanReadable = "APPEND" | "REPLACE" | undefined;

/**
 * The JSON Bob returns for one employee: the requested paths nested by category, `root.*`
 * at the top level; `id` always. With `humanReadable: "REPLACE"` values are shown as in
 * Bob's UI (dates `dd/MM/yyyy`); with `"APPEND"` the machine values stay and a
 * `humanReadable` object repeats the same structure with display values.
 */
export function toHiBobJson(
  record: HiBobEmployeeRecord,
  paths: readonly HiBobFieldPath[],
  humanReadable: HumanReadable,
): Record<string, unknown> {
  const json: Record<string, unknown> = { id: record.id };
  const human: Record<string, unknown> = {};
  for (const path of paths) {
    put(
      json,
      path,
      humanReadable === "REPLACE" ? humanValueAt(record, path) : valueAt(record, path),
    );
    if (humanReadable === "APPEND") put(human, path, humanValueAt(record, path));
  }
  if (humanReadable === "APPEND") json.humanReadable = human;
  return json;
}

export function isFieldPath(path: string): path is HiBobFieldPath {
  return (HIBOB_FIELD_PATHS as readonly string[]).includes(path);
}
