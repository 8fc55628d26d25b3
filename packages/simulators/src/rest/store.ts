import { randomBytes } from "node:crypto";
import type { RestEmployeeRecord, RestWritableFields } from "./fields";

export interface RestChange {
  type: "employee.created" | "employee.updated";
  employeeId: string;
  /** When the change happened, ISO 8601 (the event payload's `timestamp`). */
  at: string;
}

/** A stored success response, replayed for a repeated Idempotency-Key. */
export interface RecordedResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

function applyFields(record: RestEmployeeRecord, fields: RestWritableFields): void {
  const { first_name, last_name, preferred_name, ...flat } = fields;
  if (first_name !== undefined) record.name.first = first_name;
  if (last_name !== undefined) record.name.last = last_name;
  if (preferred_name !== undefined) record.name.preferred = preferred_name;
  for (const [key, value] of Object.entries(flat)) {
    if (value !== undefined) Object.assign(record, { [key]: value });
  }
}

/**
 * The employees in memory, in creation order (the order the list pages through). Records are
 * never deleted, so a position is a stable cursor. Every real change reports to `onChange`.
 */
export class RestStore {
  private readonly records = new Map<string, RestEmployeeRecord>();
  private readonly order: string[] = [];
  private readonly positions = new Map<string, number>();
  /** Keyed by `${method} ${path} ${Idempotency-Key}`. */
  readonly idempotentResponses = new Map<string, RecordedResponse>();

  constructor(private readonly onChange: (change: RestChange) => void) {}

  /** Copies, so a caller holding one sees the state of the moment it asked. */
  list(): RestEmployeeRecord[] {
    return this.order.map((id) => structuredClone(this.records.get(id) as RestEmployeeRecord));
  }

  /** Copies of up to `limit` records from position `offset`. */
  page(offset: number, limit: number): RestEmployeeRecord[] {
    return this.order
      .slice(offset, offset + limit)
      .map((id) => structuredClone(this.records.get(id) as RestEmployeeRecord));
  }

  get size(): number {
    return this.order.length;
  }

  /** The position right after `id`, for cursors; undefined for an unknown id. */
  positionAfter(id: string): number | undefined {
    const position = this.positions.get(id);
    return position === undefined ? undefined : position + 1;
  }

  get(id: string): RestEmployeeRecord | undefined {
    return this.records.get(id);
  }

  create(fields: RestWritableFields): RestEmployeeRecord {
    const record = this.insert(fields, new Date().toISOString());
    this.onChange({ type: "employee.created", employeeId: record.id, at: record.created_at });
    return record;
  }

  /** A write that changes nothing keeps `updated_at` and fires nothing. */
  update(id: string, fields: RestWritableFields): RestEmployeeRecord | undefined {
    const record = this.records.get(id);
    if (!record) return undefined;
    const before = JSON.stringify(record);
    applyFields(record, fields);
    if (JSON.stringify(record) === before) return record;
    record.updated_at = new Date().toISOString();
    this.onChange({ type: "employee.updated", employeeId: id, at: record.updated_at });
    return record;
  }

  /** Replaces everything with the given people, silently (a reset is not a change). */
  reset(people: readonly RestWritableFields[]): void {
    this.records.clear();
    this.order.length = 0;
    this.positions.clear();
    this.idempotentResponses.clear();
    const at = new Date().toISOString();
    for (const fields of people) this.insert(fields, at);
  }

  private insert(fields: RestWritableFields, at: string): RestEmployeeRecord {
    const record: RestEmployeeRecord = {
      id: `emp_${randomBytes(8).toString("hex")}`,
      name: { first: "", last: "", preferred: null },
      work_email: null,
      job_title: null,
      department: null,
      status: "ACTIVE",
      start_date: null,
      end_date: null,
      employee_number: null,
      created_at: at,
      updated_at: at,
    };
    applyFields(record, fields);
    this.positions.set(record.id, this.order.length);
    this.order.push(record.id);
    this.records.set(record.id, record);
    return record;
  }
}
