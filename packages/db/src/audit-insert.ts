import { randomUUID } from "node:crypto";
import { valuesList, type SqlTx } from "./direct-sql";
import type { Prisma } from "./generated/sqlite/client";

export type AuditRow = Prisma.AuditEntryCreateManyInput;

const COLUMNS = [
  "id",
  "workspaceId",
  "syncId",
  "linkId",
  "recordRef",
  "aId",
  "bId",
  "connectionId",
  "direction",
  "outcome",
  "field",
  "before",
  "after",
  "rule",
  "planVersion",
  "deliveryId",
  "webhookEventId",
  "workflowId",
  "runId",
  "stepId",
  "reviewItemId",
  "actor",
  "createdAt",
] as const satisfies readonly (keyof AuditRow)[];

// Every column of the model is written: a column added to AuditEntry fails to compile here.
const everyColumn: Exclude<keyof AuditRow, (typeof COLUMNS)[number]> extends never ? true : never =
  true;
void everyColumn;

/** Rows per statement: well inside SQLite's and PostgreSQL's limits on bound parameters. */
const ROWS_PER_STATEMENT = 500;

/**
 * Appends audit rows with one multi-row INSERT per 500 (the same SQL on SQLite and
 * PostgreSQL), inside the caller's transaction. Every step of the sync writes some, and an ORM `createMany` of a drain's rows
 * cost more CPU in Prisma's query compiler than the rest of the commit.
 */
export async function insertAuditRows(tx: SqlTx, rows: readonly AuditRow[]): Promise<void> {
  const now = new Date();
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(start, start + ROWS_PER_STATEMENT);
    const values = chunk.flatMap((row) => {
      const filled: Record<(typeof COLUMNS)[number], unknown> = {
        ...Object.fromEntries(COLUMNS.map((column) => [column, null])),
        ...row,
        id: row.id ?? randomUUID(),
        createdAt: row.createdAt ?? now,
      } as Record<(typeof COLUMNS)[number], unknown>;
      return COLUMNS.map((column) => filled[column] ?? null);
    });
    await tx.execute(
      `INSERT INTO "AuditEntry" (${COLUMNS.map((column) => `"${column}"`).join(", ")})
      VALUES ${valuesList(chunk.length, COLUMNS.length)}`,
      values,
    );
  }
}
