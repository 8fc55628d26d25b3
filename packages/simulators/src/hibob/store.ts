import type {
  HiBobAdminFields,
  HiBobEmployeeRecord,
  HiBobLifecycleStatus,
  HiBobPersonFields,
} from "./fields";

export type HiBobEventType =
  | "employee.created"
  | "employee.updated"
  | "employee.joined"
  | "employee.left"
  | "employee.temporaryLeave";

export interface HiBobChange {
  type: HiBobEventType;
  employeeId: string;
  /** Field paths that changed, e.g. `work.title`. */
  fieldIds: string[];
}

/** Bob ids are about 19 digits; the simulator counts up from here so seeds are stable. */
const FIRST_ID = 3_332_883_884_017_713_200n;

function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

function accessStatus(lifecycle: HiBobLifecycleStatus): "Active" | "Inactive" {
  return lifecycle === "Terminated" ? "Inactive" : "Active";
}

function snapshot(record: HiBobEmployeeRecord): Record<string, string | null> {
  return {
    "root.firstName": record.firstName,
    "root.surname": record.surname,
    "root.email": record.email,
    "work.title": record.work.title,
    "work.department": record.work.department,
    "work.site": record.work.site,
    "work.startDate": record.work.startDate,
    "internal.lifecycleStatus": record.internal.lifecycleStatus,
    "internal.terminationDate": record.internal.terminationDate,
  };
}

function changedPaths(
  before: Record<string, string | null>,
  after: Record<string, string | null>,
): string[] {
  return Object.keys(after).filter((path) => before[path] !== after[path]);
}

export type StoreResult =
  { ok: true; record: HiBobEmployeeRecord } | { ok: false; status: number; message: string };

/** Bob's people in memory. Every change is reported to `onChange` with the changed paths. */
export class HiBobStore {
  private readonly records = new Map<string, HiBobEmployeeRecord>();
  private nextId = FIRST_ID;
  /** Arrival times (epoch ms) of recent `/v1/people/search` calls, for its rate limit. */
  readonly searchCalls: number[] = [];

  constructor(private readonly onChange: (change: HiBobChange) => void) {}

  list(): HiBobEmployeeRecord[] {
    return [...this.records.values()];
  }

  get size(): number {
    return this.records.size;
  }

  /** Bob's single-person endpoints take the employee id or the (work) email. */
  find(identifier: string): HiBobEmployeeRecord | undefined {
    const byId = this.records.get(identifier);
    if (byId) return byId;
    const email = identifier.toLowerCase();
    return this.list().find((record) => record.email === email);
  }

  /** A new person is Hired until the start date, then Employed. */
  create(fields: HiBobPersonFields): StoreResult {
    if (fields.email !== undefined && this.find(fields.email)) {
      return { ok: false, status: 400, message: `Email ${fields.email} is already in use.` };
    }
    const record = this.insert(fields);
    this.onChange({
      type: "employee.created",
      employeeId: record.id,
      fieldIds: Object.keys(snapshot(record)),
    });
    return { ok: true, record };
  }

  /** PUT merges like a PATCH: absent keys stay. A write that changes nothing fires nothing. */
  update(id: string, fields: HiBobPersonFields): StoreResult {
    const record = this.records.get(id);
    if (!record) return { ok: false, status: 404, message: `Employee ${id} not found.` };
    const before = snapshot(record);
    if (fields.firstName !== undefined) record.firstName = fields.firstName;
    if (fields.surname !== undefined) record.surname = fields.surname;
    if (fields.work) Object.assign(record.work, fields.work);
    record.displayName = `${record.firstName} ${record.surname}`;
    this.report(record, before, "employee.updated");
    return { ok: true, record };
  }

  changeEmail(id: string, email: string): StoreResult {
    const record = this.records.get(id);
    if (!record) return { ok: false, status: 404, message: `Employee ${id} not found.` };
    const holder = this.find(email);
    if (holder && holder.id !== id) {
      return { ok: false, status: 400, message: `Email ${email} is already in use.` };
    }
    const before = snapshot(record);
    record.email = email;
    this.report(record, before, "employee.updated");
    return { ok: true, record };
  }

  /** A change made by a person in Bob's UI, lifecycle included; fires Bob's lifecycle events. */
  adminUpdate(id: string, fields: HiBobAdminFields): StoreResult {
    const record = this.records.get(id);
    if (!record) return { ok: false, status: 404, message: `No employee ${id}.` };
    if (fields.email !== undefined) {
      const holder = this.find(fields.email);
      if (holder && holder.id !== id) {
        return { ok: false, status: 400, message: `Email ${fields.email} is already in use.` };
      }
    }
    const before = snapshot(record);
    this.apply(record, fields);
    const after = record.internal.lifecycleStatus;
    const lifecycleBefore = before["internal.lifecycleStatus"];
    let type: HiBobEventType = "employee.updated";
    if (after !== lifecycleBefore) {
      if (after === "Terminated") type = "employee.left";
      else if (after === "Leave" || after === "Parental leave") type = "employee.temporaryLeave";
      else if (after === "Employed" && lifecycleBefore === "Hired") type = "employee.joined";
    }
    this.report(record, before, type);
    return { ok: true, record };
  }

  adminCreate(fields: HiBobAdminFields): StoreResult {
    const { lifecycleStatus, terminationDate, email, title, department, site, startDate } = fields;
    const created = this.create({
      firstName: fields.firstName,
      surname: fields.surname,
      email,
      work: { title, department, site, startDate },
    });
    if (!created.ok || (lifecycleStatus === undefined && terminationDate === undefined)) {
      return created;
    }
    return this.adminUpdate(created.record.id, { lifecycleStatus, terminationDate });
  }

  /** Replaces everything with the given people, silently (a reset is not a vendor change). */
  reset(people: readonly HiBobAdminFields[]): void {
    this.records.clear();
    this.searchCalls.length = 0;
    this.nextId = FIRST_ID;
    for (const person of people) this.apply(this.insert({}), person);
  }

  private report(
    record: HiBobEmployeeRecord,
    before: Record<string, string | null>,
    type: HiBobEventType,
  ): void {
    const fieldIds = changedPaths(before, snapshot(record));
    if (fieldIds.length > 0) this.onChange({ type, employeeId: record.id, fieldIds });
  }

  private apply(record: HiBobEmployeeRecord, fields: HiBobAdminFields): void {
    const { lifecycleStatus, terminationDate, firstName, surname, email } = fields;
    if (firstName !== undefined) record.firstName = firstName;
    if (surname !== undefined) record.surname = surname;
    if (email !== undefined) record.email = email;
    for (const name of ["title", "department"] as const) {
      if (fields[name] !== undefined) record.work[name] = fields[name] ?? null;
    }
    if (fields.site !== undefined) record.work.site = fields.site;
    if (fields.startDate !== undefined) record.work.startDate = fields.startDate;
    record.displayName = `${record.firstName} ${record.surname}`;
    if (lifecycleStatus !== undefined) {
      record.internal.lifecycleStatus = lifecycleStatus;
      record.internal.status = accessStatus(lifecycleStatus);
      if (lifecycleStatus === "Terminated") {
        record.internal.terminationDate ??= todayUtc();
      } else {
        record.internal.terminationDate = null;
      }
    }
    if (terminationDate !== undefined && record.internal.lifecycleStatus === "Terminated") {
      record.internal.terminationDate = terminationDate ?? todayUtc();
    }
  }

  private insert(fields: HiBobPersonFields): HiBobEmployeeRecord {
    const id = String(this.nextId++);
    const startDate = fields.work?.startDate ?? todayUtc();
    const lifecycleStatus: HiBobLifecycleStatus = startDate > todayUtc() ? "Hired" : "Employed";
    const record: HiBobEmployeeRecord = {
      id,
      firstName: fields.firstName ?? "",
      surname: fields.surname ?? "",
      email: fields.email ?? `${id}@example.invalid`,
      displayName: `${fields.firstName ?? ""} ${fields.surname ?? ""}`,
      work: {
        title: fields.work?.title ?? null,
        department: fields.work?.department ?? null,
        site: fields.work?.site ?? "",
        startDate,
      },
      internal: { lifecycleStatus, status: "Active", terminationDate: null },
    };
    this.records.set(id, record);
    return record;
  }
}
