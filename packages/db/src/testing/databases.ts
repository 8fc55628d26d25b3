import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import pg from "pg";

// Test databases for every package's integration tests (`@tandem/db/testing`). Plain `pg` and
// the file system only, so a package can create a database without Tandem's Prisma clients.

/**
 * The PostgreSQL the integration tests run against: TANDEM_TEST_POSTGRES_URL, a superuser URL
 * (the test command starts a server and sets it, with TANDEM_REQUIRE_POSTGRES=1). Returns the
 * reason to skip when it is absent and not required.
 */
export function testPostgresUrl(): { url: string } | { skipReason: string } {
  const url = process.env.TANDEM_TEST_POSTGRES_URL;
  if (url) return { url };
  if (process.env.TANDEM_REQUIRE_POSTGRES === "1") {
    throw new Error("TANDEM_REQUIRE_POSTGRES=1 but TANDEM_TEST_POSTGRES_URL is not set");
  }
  return { skipReason: "TANDEM_TEST_POSTGRES_URL is not set, so no PostgreSQL to test against" };
}

/** Creates a fresh, empty database for one test file and returns its URL. */
export async function createTestDatabase(baseUrl: string): Promise<string> {
  const name = `t_${randomUUID().replaceAll("-", "")}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Drops a database made by `createTestDatabase`, closing any connection still open to it. */
export async function dropTestDatabase(baseUrl: string, databaseUrl: string): Promise<void> {
  const name = new URL(databaseUrl).pathname.slice(1);
  if (!/^t_[0-9a-f]{32}$/.test(name)) throw new Error(`not a test database: ${name}`);
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

export interface TestDatabase {
  name: "sqlite" | "postgresql";
  /** A fresh, empty database for one test file. */
  create(): Promise<string>;
}

const sqlite: TestDatabase = {
  name: "sqlite",
  create() {
    const dir = mkdtempSync(path.join(tmpdir(), "tandem-db-"));
    return Promise.resolve(`file:${path.join(dir, "test.db")}`);
  },
};

/**
 * The databases Tandem's own integration tests run against: SQLite always, PostgreSQL when the
 * test runner started one (see `testPostgresUrl`; a required but missing one is an error, not a
 * silent skip).
 */
export function testDatabases(): TestDatabase[] {
  const postgres = testPostgresUrl();
  if (!("url" in postgres)) return [sqlite];
  const { url } = postgres;
  return [sqlite, { name: "postgresql", create: () => createTestDatabase(url) }];
}
