import { z } from "zod";
import { PostgresConnectionString } from "./connection-string";
import { checkPostgresTable, postgresTableFields } from "./table-settings";

/**
 * A PostgreSQL table as a system. The connection string is one secret (it holds the
 * password); its host obeys the same private-network policy as base URLs. See
 * `table-settings.ts` for the table, id column, column map and version column.
 */
export const PostgresTableConnectionConfig = z
  .object({
    kind: z.literal("postgres-table"),
    connectionString: PostgresConnectionString,
    ...postgresTableFields,
  })
  .superRefine(checkPostgresTable);
export type PostgresTableConnectionConfig = z.infer<typeof PostgresTableConnectionConfig>;
