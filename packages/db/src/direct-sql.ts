import type { Db, DatabaseProvider } from "./client";

/**
 * Statements of the hot paths (webhook ingress, the drain's commit), written once with `?`
 * placeholders for both databases. Prisma compiles even a raw query into a plan per call, and
 * runs an interactive transaction as a round of engine calls per statement, which cost more than
 * the statements themselves; so these run straight on the driver: SQLite's connection, or a
 * small `pg` pool of their own on PostgreSQL.
 */
export interface SqlTx {
  query<Row>(sql: string, params: readonly unknown[]): Promise<Row[]>;
  execute(sql: string, params: readonly unknown[]): Promise<number>;
}

/** Statements outside Prisma: SQLite's connection behind SerializedSqliteAdapter, or a pg pool. */
export interface DirectSql {
  /** Runs `work` in one transaction on the connection, holding the adapter's lock throughout. */
  transaction<T>(work: (tx: SqlTx) => Promise<T>): Promise<T>;
}

interface Registered {
  provider: DatabaseProvider;
  direct?: () => Promise<DirectSql>;
}
const registered = new WeakMap<object, Registered>();

/** Called by createDb: how statements reach this client's database. */
export function registerDatabase(db: object, entry: Registered): void {
  registered.set(db, entry);
}

/** A client made from `base` by `$extends` reaches the same database the same way. */
export function inheritDatabase<Derived extends object>(base: object, derived: Derived): Derived {
  const entry = registered.get(base);
  if (entry) registered.set(derived, entry);
  return derived;
}

function entryOf(db: object): Registered {
  const entry = registered.get(db);
  if (!entry) throw new Error("this Prisma client was not opened by createDb");
  return entry;
}

export function providerOf(db: Db): DatabaseProvider {
  return entryOf(db).provider;
}

/** `(?, ?), (?, ?)`: the VALUES of a multi-row insert of `rows` rows of `columns` values. */
export function valuesList(rows: number, columns: number): string {
  const row = `(${Array.from({ length: columns }, () => "?").join(", ")})`;
  return Array.from({ length: rows }, () => row).join(", ");
}

/** `?` placeholders as PostgreSQL's `$1, $2, …` (the statements hold no literal `?`). */
export function numbered(sql: string): string {
  let index = 0;
  return sql.replace(/\?/g, () => `$${++index}`);
}

/** A Prisma client or interactive transaction as a SqlTx (for work that mixes in ORM calls). */
export function prismaSqlTx(
  tx: Pick<Db, "$queryRawUnsafe" | "$executeRawUnsafe">,
  provider: DatabaseProvider,
): SqlTx {
  const text = provider === "postgresql" ? numbered : (sql: string) => sql;
  return {
    query: <Row>(sql: string, params: readonly unknown[]) =>
      tx.$queryRawUnsafe<Row[]>(text(sql), ...params),
    execute: (sql, params) => tx.$executeRawUnsafe(text(sql), ...params),
  };
}

/** Runs `work` in one transaction, without Prisma in between. `work` must not use `db`. */
export async function sqlTransaction<T>(db: Db, work: (tx: SqlTx) => Promise<T>): Promise<T> {
  const entry = entryOf(db);
  if (entry.direct) return (await entry.direct()).transaction(work);
  return db.$transaction((tx) => work(prismaSqlTx(tx, entry.provider)));
}
