import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

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
