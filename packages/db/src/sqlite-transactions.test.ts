import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "./client";
import { openMigratedDb } from "./migrate";

// The web app and the worker are two processes writing one SQLite file, and each process's
// Prisma client runs its queries on one connection, so a request's read can land inside another
// request's open transaction.
const betterSqlite = createRequire(
  createRequire(import.meta.url).resolve("@prisma/adapter-better-sqlite3"),
).resolve("better-sqlite3");

/** Another process committing a row every millisecond until it is killed. */
function otherWriter(file: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [
      "-e",
      `const db = new (require(process.env.DRIVER))(process.env.FILE, { timeout: 10000 });
       const insert = db.prepare('INSERT INTO "Scratch" (n) VALUES (-1)');
       insert.run();
       process.stdout.write("ready\\n");
       const parent = process.ppid;
       // Ends with the test run, even one that is killed.
       setInterval(() => (process.ppid === parent ? insert.run() : process.exit()), 1);`,
    ],
    {
      env: { ...process.env, DRIVER: betterSqlite, FILE: file },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`the other writer exited with ${code}`)));
    child.stdout?.once("data", () => resolve(child));
  });
}

describe("SQLite transactions beside another writing process", () => {
  let db: Db;
  let file: string;

  beforeAll(async () => {
    file = path.join(mkdtempSync(path.join(tmpdir(), "tandem-db-")), "test.db");
    db = await openMigratedDb(`file:${file}`);
    await db.$executeRawUnsafe(`CREATE TABLE "Scratch" (n INTEGER NOT NULL)`);
  });
  afterAll(async () => {
    await db.$disconnect();
  });

  it("commits a transaction whose connection served another read while the other process wrote", async () => {
    const writer = await otherWriter(file);
    const failures: string[] = [];
    try {
      for (let round = 0; round < 20; round += 1) {
        try {
          let read: Promise<unknown> | undefined;
          await db.$transaction(async (tx) => {
            // Another request's read, on the same connection as the open transaction.
            read = Promise.resolve(db.$queryRaw`SELECT count(*) FROM "Scratch"`);
            // The other process commits meanwhile.
            await new Promise((resolve) => setTimeout(resolve, 5));
            await tx.$executeRaw`INSERT INTO "Scratch" (n) VALUES (${round})`;
          });
          await read;
        } catch (error) {
          failures.push(error instanceof Error ? error.message : String(error));
        }
      }
    } finally {
      writer.kill();
    }
    expect(failures).toEqual([]);
    const rows = await db.$queryRaw<
      { n: bigint }[]
    >`SELECT count(*) AS n FROM "Scratch" WHERE n >= 0`;
    expect(Number(rows[0]?.n)).toBe(20);
  });

  it("keeps a write made outside a transaction that rolls back on the same connection", async () => {
    let other: Promise<number> | undefined;
    await expect(
      db.$transaction(async (tx) => {
        await tx.$executeRaw`INSERT INTO "Scratch" (n) VALUES (1001)`;
        // Another request's write, not part of this transaction.
        other = Promise.resolve(db.$executeRaw`INSERT INTO "Scratch" (n) VALUES (1002)`);
        await new Promise((resolve) => setTimeout(resolve, 5));
        throw new Error("the transaction fails");
      }),
    ).rejects.toThrow("the transaction fails");
    await other;
    const rows = await db.$queryRaw<{ n: bigint }[]>`SELECT n FROM "Scratch" WHERE n > 1000`;
    expect(rows.map((row) => Number(row.n))).toEqual([1002]);
  });
});
