import { EMPLOYEE_FIELDS, EMPLOYMENT_STATUSES, type Employee } from "@tandem/hr-model";
import { z } from "zod";

/** PostgreSQL's identifier limit (NAMEDATALEN - 1); longer names are silently truncated. */
const MAX_IDENTIFIER_LENGTH = 63;
/** `tandem_<table>_changes` and its siblings must fit in one identifier too. */
export const MAX_TABLE_NAME_LENGTH = MAX_IDENTIFIER_LENGTH - "tandem__changes".length;

/**
 * A plain SQL identifier: a letter or underscore, then letters, digits and underscores. Names
 * are always double-quoted in the SQL we build, so they are matched exactly as the catalog
 * stores them (an unquoted `CREATE TABLE Employees` is stored as `employees`). Anything else —
 * quotes, dots, spaces, semicolons — is refused rather than escaped.
 */
export const SqlIdentifier = z
  .string()
  .max(MAX_IDENTIFIER_LENGTH, `expected at most ${MAX_IDENTIFIER_LENGTH} characters`)
  .regex(
    /^[A-Za-z_][A-Za-z0-9_]*$/,
    "expected a plain SQL identifier (letters, digits and _, not starting with a digit)",
  );

/** Double-quotes a validated identifier; the validation is repeated so no caller can skip it. */
export function quoteIdentifier(name: string): string {
  const checked = SqlIdentifier.safeParse(name);
  if (!checked.success) throw new Error(`Refusing SQL identifier ${JSON.stringify(name)}`);
  return `"${name}"`;
}

const StatusEnum = z.partialRecord(z.string().min(1), z.enum(EMPLOYMENT_STATUSES));

const ColumnMapping = z.union([
  SqlIdentifier,
  z
    .object({
      column: SqlIdentifier,
      /** Read from the table but never written: left out of `syncedFields`. */
      readOnly: z.boolean().default(false),
      /** Status only: the column's values → the normalized statuses. */
      enum: StatusEnum.optional(),
    })
    .strict(),
]);

/**
 * How the table versions its rows, for optimistic concurrency. `onWrite` says who moves the
 * version when Tandem updates a row: `increment` (an integer column, Tandem adds 1), `now`
 * (a timestamp column, Tandem sets `clock_timestamp()`), or `database` (the table's own
 * trigger maintains it, Tandem leaves it alone).
 */
const VersionColumn = z
  .object({
    column: SqlIdentifier,
    onWrite: z.enum(["increment", "now", "database"]),
  })
  .strict();

/** The table-describing fields of a `postgres-table` connection, apart from its secret. */
export const postgresTableFields = {
  schema: SqlIdentifier.default("public"),
  table: SqlIdentifier.max(
    MAX_TABLE_NAME_LENGTH,
    `expected at most ${MAX_TABLE_NAME_LENGTH} characters, so tandem_<table>_changes fits in an identifier`,
  ),
  /** The primary key (or another unique, never-null column); list pages in its order. */
  idColumn: SqlIdentifier,
  /** Normalized field → column, keyed by field so each field has at most one column. */
  columns: z.partialRecord(z.enum(EMPLOYEE_FIELDS), ColumnMapping),
  version: VersionColumn.optional(),
};

interface TableShape {
  idColumn: string;
  columns: Partial<Record<keyof Employee, z.output<typeof ColumnMapping>>>;
  version?: { column: string };
}

/** Cross-field rules, reported with the path of the offending key. */
export function checkPostgresTable(table: TableShape, context: z.RefinementCtx): void {
  for (const required of ["firstName", "lastName"] as const) {
    if (table.columns[required] === undefined) {
      context.addIssue({
        code: "custom",
        path: ["columns", required],
        message: `${required} must be mapped: every Employee has one`,
      });
    }
  }
  const seen = new Map<string, string>([[table.idColumn, "idColumn"]]);
  if (table.version) seen.set(table.version.column, "version.column");
  for (const [field, mapping] of Object.entries(table.columns)) {
    if (mapping === undefined) continue;
    const column = typeof mapping === "string" ? mapping : mapping.column;
    const owner = seen.get(column);
    if (owner !== undefined) {
      context.addIssue({
        code: "custom",
        path: ["columns", field],
        message: `column ${column} is already used by ${owner}`,
      });
    }
    seen.set(column, `columns.${field}`);
    if (typeof mapping === "object" && mapping.enum !== undefined && field !== "status") {
      context.addIssue({
        code: "custom",
        path: ["columns", field, "enum"],
        message: "an enum table is only supported on status",
      });
    }
  }
}

/** One mapped column, with the shorthand `"field": "column"` expanded. */
export interface PostgresColumnMapping {
  field: keyof Employee;
  column: string;
  readOnly: boolean;
  /** Status only: the column's value → the normalized status. */
  enum?: Partial<Record<string, Employee["status"]>>;
}

export function columnMappings(columns: TableShape["columns"]): PostgresColumnMapping[] {
  const mappings: PostgresColumnMapping[] = [];
  for (const field of EMPLOYEE_FIELDS) {
    const mapping = columns[field];
    if (mapping === undefined) continue;
    mappings.push(
      typeof mapping === "string"
        ? { field, column: mapping, readOnly: false }
        : { field, column: mapping.column, readOnly: mapping.readOnly, enum: mapping.enum },
    );
  }
  return mappings;
}
