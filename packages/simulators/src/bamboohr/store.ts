import {
  BAMBOOHR_FIELD_NAMES,
  type BambooHrEmployeeRecord,
  type BambooHrFieldName,
  type BambooHrFields,
} from "./fields";

export interface BambooHrChange {
  type: "employee.created" | "employee.updated";
  employeeId: string;
  changedFields: BambooHrFieldName[];
}

/** BambooHR's employee records, in memory. Every change is reported to `onChange`. */
export class BambooHrStore {
  private readonly records = new Map<string, BambooHrEmployeeRecord>();
  private nextId = 1;

  constructor(private readonly onChange: (change: BambooHrChange) => void) {}

  list(): BambooHrEmployeeRecord[] {
    return [...this.records.values()].sort((a, b) => Number(a.id) - Number(b.id));
  }

  get(id: string): BambooHrEmployeeRecord | undefined {
    return this.records.get(id);
  }

  /** Creating fires `employee.created` and then `employee.updated`, as BambooHR does. */
  create(fields: BambooHrFields): BambooHrEmployeeRecord {
    const record = this.insert(fields);
    const changedFields = BAMBOOHR_FIELD_NAMES.filter((name) => fields[name] !== undefined);
    this.onChange({ type: "employee.created", employeeId: record.id, changedFields });
    this.onChange({ type: "employee.updated", employeeId: record.id, changedFields });
    return record;
  }

  /** Returns undefined for an unknown id; a write that changes nothing fires nothing. */
  update(id: string, fields: BambooHrFields): BambooHrEmployeeRecord | undefined {
    const record = this.records.get(id);
    if (!record) return undefined;
    const changedFields = BAMBOOHR_FIELD_NAMES.filter(
      (name) => fields[name] !== undefined && fields[name] !== record[name],
    );
    if (changedFields.length === 0) return record;
    const updated: BambooHrEmployeeRecord = {
      ...record,
      ...fields,
      lastChanged: new Date().toISOString(),
    };
    this.records.set(id, updated);
    this.onChange({ type: "employee.updated", employeeId: id, changedFields });
    return updated;
  }

  /** Replaces everything with the given people, silently (a reset is not a vendor change). */
  reset(people: readonly BambooHrFields[]): void {
    this.records.clear();
    this.nextId = 1;
    for (const fields of people) this.insert(fields);
  }

  private insert(fields: BambooHrFields): BambooHrEmployeeRecord {
    const record: BambooHrEmployeeRecord = {
      id: String(this.nextId++),
      firstName: "",
      lastName: "",
      preferredName: null,
      workEmail: null,
      jobTitle: null,
      department: null,
      status: "Active",
      hireDate: null,
      terminationDate: null,
      ...fields,
      lastChanged: new Date().toISOString(),
    };
    this.records.set(record.id, record);
    return record;
  }
}
