import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as PostgresClient } from "./generated/postgresql/client";
import { PrismaClient as SqliteClient } from "./generated/sqlite/client";
import { registerDatabase } from "./direct-sql";
import { directPostgres } from "./postgres-direct";
import { SerializedSqliteAdapter } from "./sqlite-adapter";

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
    const client = new PostgresClient({
      adapter: new PrismaPg({ connectionString: url }),
    }) as unknown as Db;
    const direct = directPostgres(url);
    registerDatabase(client, { provider: "postgresql", direct: () => Promise.resolve(direct) });
    return client;
  }
  // better-sqlite3 waits up to `timeout` ms for a lock held by the other process (web or worker).
  const adapter = new SerializedSqliteAdapter({ url, timeout: 10_000 });
  const client = new SqliteClient({ adapter });
  registerDatabase(client, {
    provider: "sqlite",
    direct: async () => {
      if (!adapter.direct) await client.$connect();
      if (!adapter.direct) throw new Error("the SQLite adapter did not connect");
      return adapter.direct;
    },
  });
  return client;
}
