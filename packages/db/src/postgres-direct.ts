import pg from "pg";
import { numbered, type DirectSql, type SqlTx } from "./direct-sql";

/**
 * A `timestamp(3)` as Prisma writes it: the UTC wall time without an offset (pg would send the
 * process's local time with its offset, which a column without a time zone drops).
 */
function bindable(value: unknown): unknown {
  return value instanceof Date ? value.toISOString().slice(0, -1) : value;
}

/**
 * The hot-path statements on PostgreSQL, on a pool of their own next to Prisma's. Idle
 * connections close after a few seconds and never keep the process alive.
 */
export function directPostgres(connectionString: string): DirectSql {
  let pool: pg.Pool | null = null;
  const poolOf = (): pg.Pool => {
    if (pool) return pool;
    pool = new pg.Pool({
      connectionString,
      max: 4,
      idleTimeoutMillis: 5_000,
      allowExitOnIdle: true,
    });
    // An idle connection the server closed (a restart, a failover) is an `error` event, which
    // would end the process unheard; the pool has already dropped it, and the next transaction
    // opens a new one.
    pool.on("error", () => undefined);
    return pool;
  };
  const statements = (client: pg.PoolClient): SqlTx => ({
    async query<Row>(sql: string, params: readonly unknown[]) {
      const result = await client.query(numbered(sql), params.map(bindable));
      return result.rows as Row[];
    },
    async execute(sql, params) {
      const result = await client.query(numbered(sql), params.map(bindable));
      return result.rowCount ?? 0;
    },
  });
  return {
    async transaction(work) {
      const client = await poolOf().connect();
      // A connection that failed outside a statement (a lost socket, a failed ROLLBACK) is
      // dropped from the pool rather than lent again.
      let broken: Error | undefined;
      const unusable = (error: unknown) =>
        error instanceof pg.DatabaseError ? undefined : asError(error);
      try {
        await client.query("BEGIN").catch((error: unknown) => {
          broken = unusable(error);
          throw error;
        });
        let result;
        try {
          result = await work(statements(client));
        } catch (error) {
          await client.query("ROLLBACK").catch((rollbackError: unknown) => {
            broken = asError(rollbackError);
          });
          throw error;
        }
        await client.query("COMMIT").catch((error: unknown) => {
          broken = unusable(error);
          throw error;
        });
        return result;
      } finally {
        client.release(broken);
      }
    },
  };
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
