import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import pg from "pg";

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

function postgres(baseUrl: string): TestDatabase {
  return {
    name: "postgresql",
    async create() {
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
    },
  };
}

/**
 * The databases integration tests run against: SQLite always, PostgreSQL when the test runner
 * started one (TANDEM_TEST_POSTGRES_URL). With TANDEM_REQUIRE_POSTGRES=1 (the test command
 * sets it) a missing PostgreSQL is an error, not a silent skip.
 */
export function testDatabases(): TestDatabase[] {
  const url = process.env.TANDEM_TEST_POSTGRES_URL;
  if (!url && process.env.TANDEM_REQUIRE_POSTGRES === "1") {
    throw new Error("TANDEM_REQUIRE_POSTGRES=1 but TANDEM_TEST_POSTGRES_URL is not set");
  }
  return url ? [sqlite, postgres(url)] : [sqlite];
}
