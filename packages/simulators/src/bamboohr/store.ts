import {
  bambooHrEmployeeBenefitRows,
  endEnrollmentsOn,
  type BambooHrEmployeeBenefitRow,
} from "./benefits";
import {
  bambooHrCompensationRows,
  payFields,
  type BambooHrCompensationRow,
  type CompensationInput,
} from "./compensation";
import {
  TERMINATED,
  employmentFields,
  sortRows,
  type BambooHrEmploymentStatusRow,
  type EmploymentStatusInput,
} from "./employment-status";
import {
  BAMBOOHR_FIELD_NAMES,
  type BambooHrEmployeeRecord,
  type BambooHrEmployeeWrite,
  type BambooHrFieldName,
} from "./fields";

export interface BambooHrChange {
  type: "employee.created" | "employee.updated";
  employeeId: string;
  changedFields: BambooHrFieldName[];
}

/** One employee with the effective-dated tables BambooHR derives some of its fields from. */
interface EmployeeEntry {
  record: BambooHrEmployeeRecord;
  employmentStatus: BambooHrEmploymentStatusRow[];
  compensation: BambooHrCompensationRow[];
  benefits: BambooHrEmployeeBenefitRow[];
  /** When the employee was created: the change listing calls changes since then "Inserted". */
  insertedAt: string;
}

/** An employment change as a person makes it in BambooHR's UI (or the legacy employee write). */
export interface EmploymentEdit {
  status?: "Active" | "Inactive";
  terminationDate?: string | null;
  employmentHistoryStatus?: string;
  /** The rehire date when `status` turns Active again. */
  hireDate?: string | null;
}

/** A pay change as a person makes it in BambooHR's UI: a new compensation row, or a correction. */
export interface PayEdit {
  rate?: { value: string; currency: string };
  paidPer?: string;
  type?: string;
  exempt?: string;
  startDate?: string;
}

export type StoreResult<T> =
  { ok: true; value: T } | { ok: false; status: number; message: string };

const SEED_HIRE_DATE = "2020-01-01";

function utcToday(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * BambooHR's employee records and their tables, in memory. Fields derived from a table
 * (status, terminationDate, employmentHistoryStatus, pay) are recomputed from its rows as of
 * today whenever rows change and whenever a record is read, so a future-dated row takes effect
 * on its date. Every change of a field fires `onChange` once per operation with the fields it
 * changed, whether it came from the API, the admin API or a row taking effect.
 */
export class BambooHrStore {
  private readonly entries = new Map<string, EmployeeEntry>();
  private nextId = 1;
  private nextRowId = 1_000_000;

  constructor(
    private readonly onChange: (change: BambooHrChange) => void,
    private readonly today: () => string = utcToday,
  ) {}

  list(): BambooHrEmployeeRecord[] {
    return [...this.entries.keys()]
      .sort((a, b) => Number(a) - Number(b))
      .flatMap((id) => this.get(id) ?? []);
  }

  get size(): number {
    return this.entries.size;
  }

  /**
   * Up to `limit` employees with ids above `afterId`, in id order, and whether more follow.
   * Only the page is brought up to date: a full `list()` per page made paging 10,000 employees
   * quadratic (every page recomputed every employee).
   */
  page(
    afterId: string | null,
    limit: number,
  ): { records: BambooHrEmployeeRecord[]; more: boolean } {
    const after = afterId === null ? -Infinity : Number(afterId);
    const ids = [...this.entries.keys()].filter((id) => Number(id) > after);
    ids.sort((x, y) => Number(x) - Number(y));
    const records = ids.slice(0, limit).flatMap((id) => this.get(id) ?? []);
    return { records, more: ids.length > limit };
  }

  get(id: string): BambooHrEmployeeRecord | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    this.change(entry, () => undefined);
    return entry.record;
  }

  employmentStatusRows(id: string): BambooHrEmploymentStatusRow[] | undefined {
    const entry = this.entries.get(id);
    return entry && sortRows(entry.employmentStatus, (row) => row.date).map((row) => ({ ...row }));
  }

  compensationRows(id: string): BambooHrCompensationRow[] | undefined {
    const entry = this.entries.get(id);
    return (
      entry &&
      sortRows(entry.compensation, (row) => row.startDate).map((row) => ({
        ...row,
        rate: { ...row.rate },
      }))
    );
  }

  /** Every employee's enrollments, or one employee's (none for an unknown id). */
  benefitRows(employeeId?: string): BambooHrEmployeeBenefitRow[] {
    const entries =
      employeeId === undefined
        ? [...this.entries.values()]
        : [this.entries.get(employeeId)].filter((entry) => entry !== undefined);
    return entries.flatMap((entry) => entry.benefits.map((row) => ({ ...row })));
  }

  /**
   * Ids changed at or after `since`, with their last change, as `/employees/changed` lists them:
   * "Inserted" when the employee was created since then, "Updated" otherwise.
   */
  changedSince(
    since: string,
  ): { id: string; action: "Inserted" | "Updated"; lastChanged: string }[] {
    return [...this.entries.values()]
      .filter((entry) => entry.record.lastChanged >= since)
      .map((entry) => ({
        id: entry.record.id,
        action: entry.insertedAt >= since ? ("Inserted" as const) : ("Updated" as const),
        lastChanged: entry.record.lastChanged,
      }));
  }

  /** Creating fires `employee.created` and then `employee.updated`, as BambooHR does. */
  create(fields: BambooHrEmployeeWrite): BambooHrEmployeeRecord {
    const entry = this.insert(fields);
    const written = fields as Partial<Record<BambooHrFieldName, unknown>>;
    const changedFields = BAMBOOHR_FIELD_NAMES.filter((name) => written[name] !== undefined);
    this.onChange({ type: "employee.created", employeeId: entry.record.id, changedFields });
    this.onChange({ type: "employee.updated", employeeId: entry.record.id, changedFields });
    return entry.record;
  }

  /**
   * `POST /v1/employees/{id}`: plain fields as given. `status` and `terminationDate` are
   * turned into employmentStatus rows, as BambooHR's UI does (see `editEmployment`).
   * Returns undefined for an unknown id; a write that changes nothing fires nothing.
   */
  update(id: string, fields: BambooHrEmployeeWrite): BambooHrEmployeeRecord | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    const { status, terminationDate, ...plain } = fields;
    this.change(entry, () => {
      Object.assign(entry.record, plain);
      this.applyEmploymentEdit(entry, { status, terminationDate, hireDate: plain.hireDate });
    });
    return entry.record;
  }

  /**
   * An employment change as explicit rows: Inactive adds a "Terminated" row on the termination
   * date (today when none is given); Active on an inactive person adds a rehire row on the
   * rehire date with the status they had before; a new termination date corrects the
   * termination row; a new employment history status adds a row dated today. Never a delete.
   */
  editEmployment(id: string, edit: EmploymentEdit): StoreResult<BambooHrEmployeeRecord> {
    const entry = this.entries.get(id);
    if (!entry) return { ok: false, status: 404, message: "Employee not found." };
    const failure = this.change(entry, () => this.applyEmploymentEdit(entry, edit));
    return failure ?? { ok: true, value: entry.record };
  }

  /** A pay change: a correction of the current row when the start date is its own, else a new row. */
  editPay(id: string, edit: PayEdit): StoreResult<BambooHrEmployeeRecord> {
    const entry = this.entries.get(id);
    if (!entry) return { ok: false, status: 404, message: "Employee not found." };
    const today = this.today();
    const current = sortRows(
      entry.compensation.filter((row) => row.startDate <= today),
      (row) => row.startDate,
    ).at(-1);
    const onlyDate = edit.startDate !== undefined && Object.keys(edit).length === 1;
    if (current && (onlyDate || (edit.startDate ?? today) === current.startDate)) {
      this.updateCompensationRow(id, current.id, edit);
      return { ok: true, value: entry.record };
    }
    const rate = edit.rate ?? current?.rate;
    const paidPer = edit.paidPer ?? current?.paidPer;
    if (!rate || !paidPer) {
      return { ok: false, status: 400, message: "A first pay rate needs a rate and paidPer." };
    }
    this.addCompensationRow(id, {
      startDate: edit.startDate ?? today,
      rate,
      paidPer,
      type: edit.type ?? current?.type ?? (paidPer === "Hour" ? "Hourly" : "Salary"),
      exempt: edit.exempt ?? current?.exempt ?? (paidPer === "Hour" ? "Non-exempt" : "Exempt"),
      paySchedule: current?.paySchedule ?? "Twice a month",
      reason: "",
      comment: "",
    });
    return { ok: true, value: entry.record };
  }

  addEmploymentStatusRow(
    id: string,
    input: EmploymentStatusInput,
  ): BambooHrEmploymentStatusRow | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    const row = { ...input, id: String(this.nextRowId++), employeeId: id };
    this.change(entry, () => {
      entry.employmentStatus.push(row);
      if (row.employmentStatus === TERMINATED) endEnrollmentsOn(entry.benefits, row.date);
    });
    return { ...row };
  }

  /** `POST …/tables/employmentStatus/{rowId}`; undefined when the employee or row is unknown. */
  updateEmploymentStatusRow(
    id: string,
    rowId: string,
    input: Partial<EmploymentStatusInput>,
  ): BambooHrEmploymentStatusRow | undefined {
    const entry = this.entries.get(id);
    const row = entry?.employmentStatus.find((candidate) => candidate.id === rowId);
    if (!entry || !row) return undefined;
    this.change(entry, () => {
      Object.assign(row, input);
      if (row.employmentStatus === TERMINATED) endEnrollmentsOn(entry.benefits, row.date);
    });
    return { ...row };
  }

  addCompensationRow(id: string, input: CompensationInput): BambooHrCompensationRow | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    const row = { ...input, rate: { ...input.rate }, id: String(this.nextRowId++), employeeId: id };
    this.change(entry, () => {
      entry.compensation.push(row);
    });
    return { ...row, rate: { ...row.rate } };
  }

  updateCompensationRow(
    id: string,
    rowId: string,
    input: Partial<CompensationInput>,
  ): BambooHrCompensationRow | undefined {
    const entry = this.entries.get(id);
    const row = entry?.compensation.find((candidate) => candidate.id === rowId);
    if (!entry || !row) return undefined;
    this.change(entry, () => {
      Object.assign(row, input);
    });
    return { ...row, rate: { ...row.rate } };
  }

  /**
   * Replaces everything with the given people, silently (a reset is not a vendor change).
   * Each gets a "Full-Time" row on the hire date (and a termination row when inactive), the
   * generated pay history and the generated enrollments.
   */
  reset(people: readonly BambooHrEmployeeWrite[]): void {
    this.entries.clear();
    this.nextId = 1;
    this.nextRowId = 1_000_000;
    for (const { status, terminationDate, ...plain } of people) {
      const entry = this.insert(plain);
      const hired = entry.record.hireDate ?? SEED_HIRE_DATE;
      entry.employmentStatus = [this.newStatusRow(entry, hired, "Full-Time")];
      if (status === "Inactive") {
        entry.employmentStatus.push(this.newStatusRow(entry, terminationDate ?? hired, TERMINATED));
      }
      entry.compensation = bambooHrCompensationRows(entry.record);
      this.recompute(entry);
      entry.benefits = bambooHrEmployeeBenefitRows(entry.record);
    }
  }

  private newStatusRow(
    entry: EmployeeEntry,
    date: string,
    employmentStatus: string,
  ): BambooHrEmploymentStatusRow {
    return {
      id: String(this.nextRowId++),
      employeeId: entry.record.id,
      date,
      employmentStatus,
      terminationReasonId: null,
      terminationTypeId: null,
      terminationRehireId: null,
      terminationRegrettableId: null,
      comment: null,
    };
  }

  private applyEmploymentEdit(
    entry: EmployeeEntry,
    edit: EmploymentEdit,
  ): StoreResult<BambooHrEmployeeRecord> | null {
    const today = this.today();
    const now = employmentFields(entry.employmentStatus, today);
    const rows = sortRows(entry.employmentStatus, (row) => row.date);
    const termination = rows.filter((row) => row.employmentStatus === TERMINATED).at(-1);
    const openTermination = now.terminationDate !== null ? termination : undefined;
    const push = (date: string, employmentStatus: string) => {
      entry.employmentStatus.push(this.newStatusRow(entry, date, employmentStatus));
      if (employmentStatus === TERMINATED) endEnrollmentsOn(entry.benefits, date);
    };
    const wantsTermination =
      edit.status === "Inactive" || edit.employmentHistoryStatus === TERMINATED;
    if (wantsTermination && now.status === "Active") {
      const date = edit.terminationDate ?? now.terminationDate ?? today;
      if (openTermination) {
        openTermination.date = date;
        endEnrollmentsOn(entry.benefits, date);
      } else {
        push(date, TERMINATED);
      }
      return null;
    }
    if (edit.status === "Active" && now.status === "Inactive") {
      const before = rows.filter((row) => row.employmentStatus !== TERMINATED).at(-1);
      // A rehire is dated after the termination it undoes; an older hire date cannot be one.
      const rehired =
        edit.hireDate && termination && edit.hireDate > termination.date ? edit.hireDate : today;
      push(rehired, edit.employmentHistoryStatus ?? before?.employmentStatus ?? "Full-Time");
      return null;
    }
    if (
      edit.terminationDate !== undefined &&
      edit.terminationDate !== null &&
      edit.terminationDate !== now.terminationDate
    ) {
      if (openTermination) {
        openTermination.date = edit.terminationDate;
        endEnrollmentsOn(entry.benefits, edit.terminationDate);
      } else {
        push(edit.terminationDate, TERMINATED);
      }
    }
    if (
      edit.employmentHistoryStatus !== undefined &&
      edit.employmentHistoryStatus !== now.employmentHistoryStatus
    ) {
      if (now.status === "Inactive") {
        return {
          ok: false,
          status: 400,
          message: "A terminated employee's employment status changes only with a rehire.",
        };
      }
      // A person's first status row starts on their hire date, as BambooHR's new-hire form does.
      const first = entry.employmentStatus.length === 0 && edit.hireDate ? edit.hireDate : today;
      push(first, edit.employmentHistoryStatus);
    }
    return null;
  }

  /** Runs `mutate`, recomputes the derived fields, reports what changed; returns `mutate`'s result. */
  private change<T>(entry: EmployeeEntry, mutate: () => T): T {
    const before = { ...entry.record };
    const result = mutate();
    this.recompute(entry);
    const changedFields = BAMBOOHR_FIELD_NAMES.filter(
      (name) => entry.record[name] !== before[name],
    );
    if (changedFields.length > 0) {
      entry.record.lastChanged = new Date().toISOString();
      this.onChange({ type: "employee.updated", employeeId: entry.record.id, changedFields });
    }
    return result;
  }

  private recompute(entry: EmployeeEntry): void {
    const today = this.today();
    if (entry.employmentStatus.length > 0) {
      Object.assign(entry.record, employmentFields(entry.employmentStatus, today));
    }
    Object.assign(entry.record, payFields(entry.compensation, today));
  }

  private insert(fields: BambooHrEmployeeWrite): EmployeeEntry {
    const { status, terminationDate, ...plain } = fields;
    const record: BambooHrEmployeeRecord = {
      id: String(this.nextId++),
      employeeNumber: null,
      firstName: "",
      lastName: "",
      preferredName: null,
      workEmail: null,
      homeEmail: null,
      mobilePhone: null,
      dateOfBirth: null,
      jobTitle: null,
      department: null,
      hireDate: null,
      status: "Active",
      terminationDate: null,
      employmentHistoryStatus: null,
      payRate: null,
      payType: null,
      payPer: null,
      exempt: null,
      payRateEffectiveDate: null,
      ...plain,
      lastChanged: new Date().toISOString(),
    };
    const entry: EmployeeEntry = {
      record,
      employmentStatus: [],
      compensation: [],
      benefits: [],
      insertedAt: record.lastChanged,
    };
    this.entries.set(record.id, entry);
    if (status === "Inactive") {
      this.applyEmploymentEdit(entry, { status, terminationDate });
      this.recompute(entry);
    }
    return entry;
  }
}
