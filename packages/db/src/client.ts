import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as PostgresClient } from "./generated/postgresql/client";
import { PrismaClient as SqliteClient } from "./generated/sqlite/client";

/**
 * The Prisma client type the rest of the code base sees. Both generated clients come from one
 * schema, so their model APIs are the same; the SQLite one names the type.
 */
export type Db = SqliteClient;

export type DatabaseProvider = "sqlite" | "postgresql";

export function databaseProvider(url: string): DatabaseProvider {
  if (/^postgres(ql)?:\/\//.test(url)) return "postgresql";
  if (url.startsWith("file:")) return "sqlite";
  throw new Error(
    `DATABASE_URL must start with file: (SQLite) or postgresql:// (PostgreSQL), got "${url.split(":")[0]}:..."`,
  );
}

/** Opens a Prisma client over the driver adapter that fits the URL. */
export function createDb(url: string): Db {
  if (databaseProvider(url) === "postgresql") {
    const client = new PostgresClient({ adapter: new PrismaPg({ connectionString: url }) });
    return client as unknown as Db;
  }
  // better-sqlite3 waits up to `timeout` ms for a lock held by the other process (web or worker).
  return new SqliteClient({ adapter: new ImmediateTransactions({ url, timeout: 10_000 }) });
}

/**
 * Transactions that take SQLite's write lock when they begin (`BEGIN IMMEDIATE`). The adapter
 * begins them deferred and runs every query of the process on one connection, so another
 * request's read inside an open transaction pins a snapshot; once the other process (web or
 * worker) commits, the transaction's first write fails at once with SQLITE_BUSY, which the busy
 * timeout does not cover. Taken at BEGIN, the lock waits out the other writer instead.
 */
class ImmediateTransactions extends PrismaBetterSQLite3 {
  override async connect() {
    const adapter = await super.connect();
    const client = (adapter as unknown as { client?: { prepare?(sql: string): unknown } }).client;
    if (typeof client?.prepare !== "function")
      throw new Error(
        "@prisma/adapter-better-sqlite3 no longer exposes its connection as `client`",
      );
    const prepare = client.prepare.bind(client);
    client.prepare = (sql: string) => prepare(sql === "BEGIN" ? "BEGIN IMMEDIATE" : sql);
    return adapter;
  }
}
