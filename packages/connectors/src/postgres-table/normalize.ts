import { EMPLOYMENT_STATUSES, Employee } from "@tandem/hr-model";
import { ConnectorError } from "../contract";
import type { PostgresColumnMapping } from "./table-settings";

/** A row as the connector selects it: every mapped column cast to text, keyed by column. */
export type PostgresRow = Record<string, string | null>;

function permanent(message: string): ConnectorError {
  return new ConnectorError(message, "permanent");
}

function label(table: string, externalId: string): string {
  return `PostgreSQL ${table} row ${externalId}`;
}

/**
 * Reads a row through the column map. Empty text reads as null; status goes through the enum
 * table when there is one and is "active" when the table has no status column. A value the
 * model refuses (an unknown status, a malformed email or date) is a permanent error naming
 * the row, the column and the field.
 */
export function rowToEmployee(
  mappings: readonly PostgresColumnMapping[],
  row: PostgresRow,
  table: string,
  externalId: string,
): Employee {
  const draft: Record<string, unknown> = { status: "active" };
  const columnOf: Partial<Record<keyof Employee, string>> = {};
  for (const mapping of mappings) {
    columnOf[mapping.field] = mapping.column;
    const stored = row[mapping.column] ?? null;
    const value = stored === null || stored.trim() === "" ? null : stored;
    if (mapping.field !== "status") {
      draft[mapping.field] = value;
      continue;
    }
    const status = value === null ? undefined : mapping.enum ? mapping.enum[value] : value;
    if (status === undefined || !EMPLOYMENT_STATUSES.some((known) => known === status)) {
      const allowed = (mapping.enum ? Object.keys(mapping.enum) : EMPLOYMENT_STATUSES).join(", ");
      throw permanent(
        `${label(table, externalId)}: column ${mapping.column} (status) is ${JSON.stringify(value)}, expected one of ${allowed}`,
      );
    }
    draft.status = status;
  }
  const parsed = Employee.safeParse(draft);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = String(issue?.path[0] ?? "(record)");
  const column = columnOf[field as keyof Employee] ?? field;
  throw permanent(
    `${label(table, externalId)}: column ${column} (${field}) ${JSON.stringify(draft[field])} is invalid: ${issue?.message ?? "invalid"}`,
  );
}

/**
 * The writable mapped columns of `employee` with their values, as text parameters (PostgreSQL
 * casts each to the column's type). Fields the employee does not carry are left out; a status
 * the enum table cannot express is a permanent error.
 */
export function employeeToColumns(
  mappings: readonly PostgresColumnMapping[],
  employee: Employee,
  table: string,
): { column: string; value: string | null }[] {
  const values: { column: string; value: string | null }[] = [];
  for (const mapping of mappings) {
    if (mapping.readOnly) continue;
    const value = employee[mapping.field];
    if (value === undefined) continue;
    if (mapping.field === "status" && mapping.enum) {
      const stored = Object.entries(mapping.enum).find(([, status]) => status === value)?.[0];
      if (stored === undefined) {
        throw permanent(
          `PostgreSQL ${table}: no value of column ${mapping.column} means status ${JSON.stringify(value)}; add it to the status enum table`,
        );
      }
      values.push({ column: mapping.column, value: stored });
    } else {
      values.push({ column: mapping.column, value });
    }
  }
  return values;
}
