import { z } from "zod";
import { ConnectorError } from "../contract";
import type { HttpClient } from "../http";
import type { EntityPage, EntityRecord, EntityWriteOptions, SyncEntity } from "../sync-entity";
import { parseVendorResponse } from "../vendor-response";
import type { BambooHrCompensationRow } from "./compensation";
import {
  TERMINATED,
  addTableRow,
  readCompensationRows,
  readEmploymentStatusRows,
  updateTableRow,
} from "./tables";

/** Fields BambooHR writes on the employee record itself (`POST /v1/employees/{id}`). */
const PLAIN_FIELDS = [
  "employeeNumber",
  "firstName",
  "lastName",
  "preferredName",
  "workEmail",
  "homeEmail",
  "mobilePhone",
  "dateOfBirth",
  "hireDate",
  "jobTitle",
  "department",
] as const;
/** Fields BambooHR derives from the current `employmentStatus` row. */
const EMPLOYMENT_FIELDS = ["status", "terminationDate", "employmentHistoryStatus"] as const;
/** Fields BambooHR derives from the current `compensation` row. */
const PAY_FIELDS = ["payRate", "payPer", "exempt", "payRateEffectiveDate"] as const;

/**
 * The employee side of the BambooHR ⇄ Gusto template, in BambooHR's own field names; every
 * read asks for exactly these (`fields=`), and the webhook monitors them.
 */
export const BAMBOOHR_SYNC_EMPLOYEE_FIELDS = [
  ...PLAIN_FIELDS,
  ...EMPLOYMENT_FIELDS,
  ...PAY_FIELDS,
] as const;
type SyncFieldName = (typeof BAMBOOHR_SYNC_EMPLOYEE_FIELDS)[number];

const DATE_FIELDS = new Set<string>([
  "dateOfBirth",
  "hireDate",
  "terminationDate",
  "payRateEffectiveDate",
]);
const EMAIL_FIELDS = new Set<string>(["workEmail", "homeEmail"]);
const PAY_RATE = /^(\d+(?:\.\d+)?) ([A-Z]{3})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DEFAULT_PAGE_LIMIT = 250;

const RawEmployee = z.looseObject({
  id: z.union([z.string(), z.number()]).transform(String),
  ...Object.fromEntries(BAMBOOHR_SYNC_EMPLOYEE_FIELDS.map((name) => [name, z.string().nullish()])),
}) as z.ZodType<{ id: string } & Partial<Record<SyncFieldName, string | null>>>;
type RawEmployee = z.infer<typeof RawEmployee>;

const EmployeeListReply = z.object({
  data: z.array(RawEmployee),
  meta: z.object({ page: z.object({ nextCursor: z.string().nullish() }) }),
});

/** `GET /v1/employees/changed`: `{latest, employees: {<id>: {id, action, lastChanged}}}`. */
const ChangedEmployeesReply = z.object({
  latest: z.string().nullable(),
  employees: z.record(
    z.string(),
    z.object({
      id: z.union([z.string(), z.number()]).transform(String),
      action: z.enum(["Inserted", "Updated", "Deleted"]),
      lastChanged: z.string(),
    }),
  ),
});

function permanent(message: string): ConnectorError {
  return new ConnectorError(message, "permanent");
}

function isSyncField(name: string): name is SyncFieldName {
  return (BAMBOOHR_SYNC_EMPLOYEE_FIELDS as readonly string[]).includes(name);
}

/** BambooHR reports unset values as "" and unset dates as "0000-00-00". */
function readValue(name: SyncFieldName, value: string | null | undefined): string | null {
  if (value === undefined || value === null || value.trim() === "") return null;
  if (DATE_FIELDS.has(name)) return value.startsWith("0000-00-00") ? null : value.slice(0, 10);
  return value;
}

function utcToday(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * BambooHR employees for the plan-driven engine, in the shape of side A of the BambooHR ⇄ Gusto
 * template (field ids are BambooHR's field names; `payRate` is "50000.00 USD").
 *
 * Writes go through BambooHR's own calls, and only for the patched fields: plain fields through
 * `POST /v1/employees/{id}`; status, termination and employment history status as rows of the
 * `employmentStatus` table (a termination is a "Terminated" row, a rehire a later row with the
 * status the person had before; never a delete); pay as a row of the `compensation` table (a
 * new effective-dated row, or a correction of the current one when its start date is patched).
 * BambooHR then derives the employee's fields from the rows, and a read shows them.
 *
 * BambooHR has no optimistic concurrency (no `version`) and ignores idempotency keys; the
 * engine records a create's intent before calling. `modifiedAt` is null: BambooHR exposes
 * last-changed times only through `GET /v1/employees/changed?since=` (every employee changed
 * since an instant) and reports, not on an employee read, so a record read carries none.
 */
export class BambooHrEmployeeEntity implements SyncEntity {
  readonly entity = "employee";

  constructor(
    private readonly http: HttpClient,
    private readonly pageLimit: number = DEFAULT_PAGE_LIMIT,
    private readonly today: () => string = utcToday,
  ) {}

  async read(id: string): Promise<EntityRecord | null> {
    const raw = await this.readRaw(id, BAMBOOHR_SYNC_EMPLOYEE_FIELDS);
    return raw && this.toRecord(raw);
  }

  async list(cursor?: string | null): Promise<EntityPage> {
    const response = await this.http.request({
      method: "GET",
      path: "/employees",
      query: {
        fields: BAMBOOHR_SYNC_EMPLOYEE_FIELDS.join(","),
        "page[limit]": String(this.pageLimit),
        ...(cursor ? { "page[after]": cursor } : {}),
      },
    });
    const reply = parseVendorResponse(EmployeeListReply, response.body, "BambooHR employee list");
    // A terminated person's record needs their status rows: read those in parallel.
    const items = await Promise.all(reply.data.map((raw) => this.toRecord(raw)));
    return { items, nextCursor: reply.meta.page.nextCursor ?? null };
  }

  /**
   * Employees inserted or updated at or after `since`, from BambooHR's change listing (one
   * answer, not paged). Deleted ones are left out: Tandem never deletes, and a read of a
   * deleted employee finds nothing to sync.
   */
  async listChangedSince(since: string): Promise<string[]> {
    const response = await this.http.request({
      method: "GET",
      path: "/employees/changed",
      query: { since },
    });
    const reply = parseVendorResponse(
      ChangedEmployeesReply,
      response.body,
      "BambooHR changed employees",
    );
    return Object.values(reply.employees)
      .filter((entry) => entry.action !== "Deleted")
      .map((entry) => entry.id);
  }

  readonly findByFieldPagesListing = true;

  /**
   * BambooHR's API has no search by field value, so this pages through the list. Emails
   * compare case-insensitively, as BambooHR treats them; everything else exactly.
   */
  async findByField(field: string, value: string): Promise<EntityRecord[]> {
    if (!isSyncField(field)) throw permanent(`BambooHR employees have no field "${field}"`);
    const fold = EMAIL_FIELDS.has(field);
    const wanted = fold ? value.trim().toLowerCase() : value;
    const found: EntityRecord[] = [];
    let cursor: string | null = null;
    do {
      const page = await this.list(cursor);
      for (const record of page.items) {
        const held = record.fields[field];
        if (typeof held !== "string") continue;
        if ((fold ? held.trim().toLowerCase() : held) === wanted) found.push(record);
      }
      cursor = page.nextCursor;
    } while (cursor !== null);
    return found;
  }

  /**
   * `POST /v1/employees` with the plain fields (201, the new id in `Location`), then the first
   * employmentStatus row on the hire date, a termination if the record is inactive, and the
   * first compensation row, each through its table.
   */
  async create(
    fields: Record<string, unknown>,
    options: EntityWriteOptions,
  ): Promise<EntityRecord> {
    const values = validatePatch(fields);
    for (const name of ["firstName", "lastName"] as const) {
      if (typeof values[name] !== "string") {
        throw permanent(`BambooHR needs ${name} to create an employee`);
      }
    }
    const pay = PAY_FIELDS.filter((name) => values[name] !== undefined);
    if (
      pay.length > 0 &&
      (typeof values.payRate !== "string" || typeof values.payPer !== "string")
    ) {
      throw permanent("BambooHR needs payRate and payPer for an employee's first compensation row");
    }
    const plain = pickPlain(values);
    const response = await this.http.request({
      method: "POST",
      path: "/employees",
      json: plain,
      headers: { "Idempotency-Key": options.idempotencyKey },
    });
    const id = idFromLocation(response.headers.get("location"), response.status);
    const hired = values.hireDate ?? this.today();
    if (typeof values.employmentHistoryStatus === "string") {
      await addTableRow(this.http, id, "employmentStatus", {
        date: hired,
        employmentStatus: values.employmentHistoryStatus,
      });
    }
    const rest: Record<string, string | null> = {};
    for (const name of ["status", "terminationDate"] as const) {
      if (values[name] !== undefined) rest[name] = values[name];
    }
    for (const name of pay) rest[name] = values[name] ?? null;
    if (pay.length > 0 && values.payRateEffectiveDate === undefined) {
      rest.payRateEffectiveDate = hired;
    }
    if (Object.keys(rest).length > 0) await this.update(id, rest, options);
    const created = await this.read(id);
    if (!created) throw permanent(`BambooHR employee ${id} was created but cannot be read back`);
    return created;
  }

  /** Writes only the patched fields, each through BambooHR's own call (see the class comment). */
  async update(
    id: string,
    patch: Record<string, unknown>,
    _options: EntityWriteOptions,
  ): Promise<EntityRecord | null> {
    const values = validatePatch(patch);
    const plain = pickPlain(values);
    if (Object.keys(plain).length > 0) {
      await this.http.request({
        method: "POST",
        path: `/employees/${encodeURIComponent(id)}`,
        json: plain,
      });
    }
    if (EMPLOYMENT_FIELDS.some((name) => values[name] !== undefined)) {
      await this.writeEmployment(id, values);
    }
    if (PAY_FIELDS.some((name) => values[name] !== undefined)) await this.writePay(id, values);
    // BambooHR answers writes with an empty body; the engine reads the record again.
    return null;
  }

  private async readRaw(id: string, fields: readonly string[]): Promise<RawEmployee | null> {
    try {
      const response = await this.http.request({
        method: "GET",
        path: `/employees/${encodeURIComponent(id)}`,
        query: { fields: fields.join(",") },
      });
      return parseVendorResponse(RawEmployee, response.body, `BambooHR employee ${id}`);
    } catch (error) {
      if (error instanceof ConnectorError && error.details.status === 404) return null;
      throw error;
    }
  }

  /**
   * A terminated person's `employmentHistoryStatus` reads "Terminated" in BambooHR, which the
   * template's field does not hold (termination is `status` and `terminationDate`); it reads as
   * the status they had before, from the employmentStatus table.
   */
  private async toRecord(raw: RawEmployee): Promise<EntityRecord> {
    const fields: Record<string, unknown> = {};
    for (const name of BAMBOOHR_SYNC_EMPLOYEE_FIELDS) fields[name] = readValue(name, raw[name]);
    fields.firstName = raw.firstName ?? "";
    fields.lastName = raw.lastName ?? "";
    fields.status = raw.status === "Inactive" ? "Inactive" : "Active";
    if (fields.employmentHistoryStatus === TERMINATED) {
      const rows = await readEmploymentStatusRows(this.http, raw.id);
      fields.employmentHistoryStatus =
        rows.filter((row) => row.employmentStatus !== TERMINATED).at(-1)?.employmentStatus ?? null;
    }
    return { id: raw.id, fields, modifiedAt: null };
  }

  /**
   * Status changes as employmentStatus rows. Inactive on an active person: a "Terminated" row
   * on `terminationDate` (today when absent), or a date correction of a termination already
   * scheduled. Active on an inactive person: a rehire row on `hireDate` when it falls after
   * the termination (else today), with the patched or previous employment status. A new
   * termination date alone corrects the termination row, or schedules one. A new employment
   * history status is a row dated today.
   */
  private async writeEmployment(id: string, values: PatchValues): Promise<void> {
    const current = await this.readRaw(id, EMPLOYMENT_FIELDS);
    if (!current)
      throw new ConnectorError(`BambooHR employee ${id} not found`, "permanent", { status: 404 });
    const rows = await readEmploymentStatusRows(this.http, id);
    const active = current.status !== "Inactive";
    const terminationDate = readValue("terminationDate", current.terminationDate);
    const terminationRow = rows.filter((row) => row.employmentStatus === TERMINATED).at(-1);
    const openTermination =
      terminationDate !== null && terminationRow?.date === terminationDate
        ? terminationRow
        : undefined;
    const today = this.today();
    const terminate = async (date: string) => {
      const later = rows.find((row) => row !== openTermination && row.date > date);
      if (later) {
        throw permanent(
          `BambooHR employee ${id} has an employmentStatus row dated ${later.date}, after the termination date ${date}; a termination dated before it would not take effect`,
        );
      }
      if (openTermination) {
        if (openTermination.date !== date) {
          await updateTableRow(this.http, id, "employmentStatus", openTermination.id, { date });
        }
      } else {
        await addTableRow(this.http, id, "employmentStatus", {
          date,
          employmentStatus: TERMINATED,
        });
      }
    };

    if (values.status === "Inactive" && active) {
      return terminate(values.terminationDate ?? terminationDate ?? today);
    }
    if (values.status === "Active" && !active) {
      const before = rows.filter((row) => row.employmentStatus !== TERMINATED).at(-1);
      const rehired =
        values.hireDate && terminationRow && values.hireDate > terminationRow.date
          ? values.hireDate
          : today;
      await addTableRow(this.http, id, "employmentStatus", {
        date: rehired,
        employmentStatus: values.employmentHistoryStatus ?? before?.employmentStatus ?? "Full-Time",
      });
      return;
    }
    if (values.terminationDate !== undefined && values.terminationDate !== terminationDate) {
      if (values.terminationDate === null) {
        throw permanent(
          `BambooHR employee ${id}: a termination ends only by a rehire (status Active); Tandem never deletes the employmentStatus row`,
        );
      }
      await terminate(values.terminationDate);
    }
    if (values.employmentHistoryStatus !== undefined) {
      if (values.employmentHistoryStatus === null) {
        throw permanent(`BambooHR employee ${id}: employmentHistoryStatus cannot be cleared`);
      }
      const previous = rows.filter((row) => row.date <= today).at(-1)?.employmentStatus;
      if (values.employmentHistoryStatus === previous) return;
      if (!active) {
        throw permanent(
          `BambooHR employee ${id} is terminated: employmentHistoryStatus changes only with a rehire (status Active)`,
        );
      }
      await addTableRow(this.http, id, "employmentStatus", {
        date: today,
        employmentStatus: values.employmentHistoryStatus,
      });
    }
  }

  /**
   * Pay as a compensation row: a correction of the current row when only its start date is
   * patched or the patched start date is its own; otherwise a new row from
   * `payRateEffectiveDate` (today when absent), with unpatched values carried over.
   */
  private async writePay(id: string, values: PatchValues): Promise<void> {
    for (const name of PAY_FIELDS) {
      if (values[name] === null) {
        throw permanent(
          `BambooHR employee ${id}: ${name} cannot be cleared; pay is a history of rows`,
        );
      }
    }
    const today = this.today();
    const rows = await readCompensationRows(this.http, id);
    const current = rows.filter((row) => row.startDate <= today).at(-1);
    const rate = values.payRate ? parsePayRate(values.payRate) : undefined;
    const startDate = values.payRateEffectiveDate ?? today;
    const onlyDate = PAY_FIELDS.every(
      (name) => name === "payRateEffectiveDate" || values[name] === undefined,
    );
    if (current && (onlyDate || startDate === current.startDate)) {
      const previous = rows.filter((row) => row !== current && row.startDate <= today).at(-1);
      if (previous && startDate < previous.startDate) {
        throw permanent(
          `BambooHR employee ${id}: moving the current pay rate to ${startDate} would put it before the rate of ${previous.startDate}`,
        );
      }
      await updateTableRow(this.http, id, "compensation", current.id, {
        ...(values.payRateEffectiveDate ? { startDate } : {}),
        ...(rate ? { rate } : {}),
        ...(values.payPer
          ? { paidPer: values.payPer, type: payTypeFor(values.payPer, current) }
          : {}),
        ...(values.exempt ? { exempt: values.exempt } : {}),
      });
      return;
    }
    const paidPer = values.payPer ?? current?.paidPer;
    const newRate = rate ?? current?.rate;
    if (!paidPer || !newRate) {
      throw permanent(
        `BambooHR employee ${id} has no pay yet: the first row needs payRate and payPer`,
      );
    }
    await addTableRow(this.http, id, "compensation", {
      startDate,
      rate: { value: newRate.value, currency: newRate.currency },
      paidPer,
      type: payTypeFor(paidPer, current),
      ...((values.exempt ?? current?.exempt) ? { exempt: values.exempt ?? current?.exempt } : {}),
      ...(current?.paySchedule ? { paySchedule: current.paySchedule } : {}),
      reason: "",
      comment: "",
    });
  }
}

type PatchValues = Partial<Record<SyncFieldName, string | null>>;

/** Checks every patched field before anything is written, so a bad value writes nothing. */
function validatePatch(patch: Record<string, unknown>): PatchValues {
  const values: PatchValues = {};
  for (const [name, value] of Object.entries(patch)) {
    if (!isSyncField(name)) throw permanent(`BambooHR employees have no field "${name}"`);
    if (value === undefined) continue;
    if (value !== null && typeof value !== "string") {
      throw permanent(`BambooHR field ${name} must be a string or null, got ${typeof value}`);
    }
    if (typeof value === "string") {
      if (DATE_FIELDS.has(name) && !DATE.test(value)) {
        throw permanent(`BambooHR field ${name} must be a date written YYYY-MM-DD, got "${value}"`);
      }
      if (name === "status" && value !== "Active" && value !== "Inactive") {
        throw permanent(`BambooHR status must be Active or Inactive, got "${value}"`);
      }
      if (name === "payRate") parsePayRate(value);
    }
    if (value === null && (name === "firstName" || name === "lastName" || name === "status")) {
      throw permanent(`BambooHR field ${name} cannot be cleared`);
    }
    values[name] = value;
  }
  return values;
}

/** The plain fields of a patch as BambooHR's employee write takes them (null clears: ""). */
function pickPlain(values: PatchValues): Record<string, string> {
  const plain: Record<string, string> = {};
  for (const name of PLAIN_FIELDS) {
    const value = values[name];
    if (value !== undefined) plain[name] = value ?? "";
  }
  return plain;
}

function parsePayRate(value: string): { value: string; currency: string } {
  const match = PAY_RATE.exec(value.trim());
  if (!match?.[1] || !match[2]) {
    throw permanent(`BambooHR payRate must read like "50000.00 USD", got "${value}"`);
  }
  return { value: Number(match[1]).toFixed(2), currency: match[2] };
}

/** An hourly rate is BambooHR's "Hourly" pay type; any other unit keeps a salary a salary. */
function payTypeFor(paidPer: string, current: BambooHrCompensationRow | undefined): string {
  if (paidPer === "Hour") return "Hourly";
  return current?.type && current.type !== "Hourly" ? current.type : "Salary";
}

/** BambooHR answers a create with 201, an empty body and the new employee's URL in Location. */
export function idFromLocation(location: string | null, status: number): string {
  const id = location?.replace(/\/+$/, "").split("/").pop();
  if (!id) {
    throw new ConnectorError(
      "BambooHR POST /employees succeeded without a Location header naming the new employee",
      "permanent",
      { status },
    );
  }
  return decodeURIComponent(id);
}
