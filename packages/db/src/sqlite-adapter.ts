import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type { DirectSql, SqlTx } from "./direct-sql";

/** A first-come, first-served lock: `acquire` resolves with the function that releases it. */
function fifoLock() {
  let tail: Promise<void> = Promise.resolve();
  return {
    acquire(): Promise<() => void> {
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      const ready = tail.then(() => release);
      tail = tail.then(() => held);
      return ready;
    },
  };
}

type Adapter = Awaited<ReturnType<PrismaBetterSQLite3["connect"]>>;

/** The parts of better-sqlite3's Database and Statement that the direct statements use. */
interface Statement {
  safeIntegers(on: boolean): Statement;
  all(...params: unknown[]): unknown[];
  run(...params: unknown[]): { changes: number };
}
interface Connection {
  prepare(sql: string): Statement;
  readonly inTransaction: boolean;
}

/** Values as Prisma's adapter binds them (DateTime as ISO 8601 with an explicit offset). */
function bindable(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().replace("Z", "+00:00");
  if (typeof value === "boolean") return value ? 1 : 0;
  return value ?? null;
}

/** Prepared statements by SQL text, bounded (multi-row inserts vary with their row count). */
const MAX_CACHED_STATEMENTS = 512;

function directSqlite(connection: Connection, lock: ReturnType<typeof fifoLock>): DirectSql {
  const statements = new Map<string, Statement>();
  const prepared = (sql: string): Statement => {
    let statement = statements.get(sql);
    if (!statement) {
      if (statements.size >= MAX_CACHED_STATEMENTS) statements.clear();
      statement = connection.prepare(sql).safeIntegers(false);
      statements.set(sql, statement);
    }
    return statement;
  };
  const tx: SqlTx = {
    query: <Row>(sql: string, params: readonly unknown[]) =>
      Promise.resolve(prepared(sql).all(...params.map(bindable)) as Row[]),
    execute: (sql, params) => Promise.resolve(prepared(sql).run(...params.map(bindable)).changes),
  };
  return {
    async transaction(work) {
      const release = await lock.acquire();
      try {
        prepared("BEGIN IMMEDIATE").run();
        try {
          const result = await work(tx);
          prepared("COMMIT").run();
          return result;
        } catch (error) {
          // SQLite may have rolled back already (a full disk, an interrupt).
          if (connection.inTransaction) prepared("ROLLBACK").run();
          throw error;
        }
      } finally {
        release();
      }
    },
  };
}
type Transaction = Awaited<ReturnType<Adapter["startTransaction"]>>;

/**
 * The better-sqlite3 adapter with two guarantees it lacks. Each process's client has one
 * connection, and the adapter lets a query from outside a transaction run on it while the
 * transaction is open, so that query became part of the transaction: rolled back with it, and
 * (a read) pinning a snapshot, so the transaction's first write failed with SQLITE_BUSY once the
 * other process (web or worker) committed, which the busy timeout does not cover.
 * - A query outside a transaction waits until the open transaction has ended (one lock, first
 *   come first served, so neither side starves).
 * - Transactions take the write lock when they begin (`BEGIN IMMEDIATE`), so a transaction
 *   that reads before it writes waits out the other process's writer instead of failing.
 */
export class SerializedSqliteAdapter extends PrismaBetterSQLite3 {
  /** Statements on this adapter's connection, outside Prisma (set once Prisma connected). */
  direct: DirectSql | null = null;

  override async connect(): Promise<Adapter> {
    const adapter = await super.connect();
    const client = (adapter as unknown as { client?: { prepare?(sql: string): unknown } }).client;
    if (typeof client?.prepare !== "function")
      throw new Error(
        "@prisma/adapter-better-sqlite3 no longer exposes its connection as `client`",
      );
    const prepare = client.prepare.bind(client);
    client.prepare = (sql: string) => prepare(sql === "BEGIN" ? "BEGIN IMMEDIATE" : sql);

    const lock = fifoLock();
    this.direct = directSqlite(client as Connection, lock);
    const outside =
      <Args extends unknown[], Result>(run: (...args: Args) => Promise<Result>) =>
      async (...args: Args): Promise<Result> => {
        const release = await lock.acquire();
        try {
          return await run(...args);
        } finally {
          release();
        }
      };
    adapter.queryRaw = outside(adapter.queryRaw.bind(adapter));
    adapter.executeRaw = outside(adapter.executeRaw.bind(adapter));
    adapter.executeScript = outside(adapter.executeScript.bind(adapter));
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => {
      const release = await lock.acquire();
      let transaction: Transaction;
      try {
        transaction = await startTransaction(isolationLevel);
      } catch (error) {
        release();
        throw error;
      }
      const ended = (end: () => Promise<void>) => async (): Promise<void> => {
        try {
          await end();
        } finally {
          release();
        }
      };
      transaction.commit = ended(transaction.commit.bind(transaction));
      transaction.rollback = ended(transaction.rollback.bind(transaction));
      return transaction;
    };
    return adapter;
  }
}
