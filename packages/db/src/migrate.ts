import { createHash } from "node:crypto";
import { readdirSync, readFileSync, existsSync } from "node:fs";
import path from "node:path";
import { createDb, databaseProvider, type DatabaseProvider, type Db } from "./client";

/**
 * Applies the SQL migrations that `prisma migrate diff` wrote under prisma/migrations/<provider>.
 *
 * Why not `prisma migrate deploy`: through the PostgreSQL driver adapter it fails on every
 * database (prisma/orm#27403, "Column type 'name' could not be deserialized"), and the native
 * schema engine cannot be downloaded here. This runner keeps Prisma's files as the source of
 * truth and records what it applied, with a checksum, in `_tandem_migrations`.
 */
function migrationsRoot(): string {
  return path.resolve(import.meta.dirname, "..", "..", "..", "prisma", "migrations");
}

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function readMigrations(provider: DatabaseProvider, root = migrationsRoot()): Migration[] {
  const dir = path.join(root, provider);
  if (!existsSync(dir)) throw new Error(`no migrations for ${provider} at ${dir}`);
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

/** Splits Prisma's generated SQL into statements (it puts each statement's `;` at a line end). */
export function splitStatements(sql: string): string[] {
  return sql
    .split(/;\s*(?:\r?\n|$)/)
    .map((statement) =>
      statement
        .split("\n")
        .filter((line) => !line.trimStart().startsWith("--"))
        .join("\n")
        .trim(),
    )
    .filter((statement) => statement.length > 0);
}

export interface MigrationReport {
  applied: string[];
  alreadyApplied: number;
}

export async function applyMigrations(
  db: Db,
  provider: DatabaseProvider,
): Promise<MigrationReport> {
  const migrations = readMigrations(provider);
  if (provider === "sqlite") {
    // WAL lets the web app read while the worker writes; the setting persists in the file.
    await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  }
  await db.$executeRawUnsafe(
    `CREATE TABLE IF NOT EXISTS "_tandem_migrations" ("name" TEXT PRIMARY KEY, "checksum" TEXT NOT NULL, "applied_at" TEXT NOT NULL)`,
  );
  const param = (position: number) => (provider === "postgresql" ? `$${position}` : "?");
  const report: MigrationReport = { applied: [], alreadyApplied: 0 };
  for (const migration of migrations) {
    const applied = await db.$transaction(async (tx) => {
      if (provider === "postgresql") {
        // Serializes concurrent migrators (two test files, web and worker) on one database.
        await tx.$executeRawUnsafe("SELECT pg_advisory_xact_lock(7263012)");
      }
      const rows = await tx.$queryRawUnsafe<{ checksum: string }[]>(
        `SELECT "checksum" FROM "_tandem_migrations" WHERE "name" = ${param(1)}`,
        migration.name,
      );
      const existing = rows[0];
      if (existing) {
        if (existing.checksum !== migration.checksum) {
          throw new Error(
            `migration ${migration.name} was edited after it was applied; write a new migration instead`,
          );
        }
        return false;
      }
      for (const statement of splitStatements(migration.sql)) await tx.$executeRawUnsafe(statement);
      await tx.$executeRawUnsafe(
        `INSERT INTO "_tandem_migrations" ("name", "checksum", "applied_at") VALUES (${param(1)}, ${param(2)}, ${param(3)})`,
        migration.name,
        migration.checksum,
        new Date().toISOString(),
      );
      return true;
    });
    if (applied) report.applied.push(migration.name);
    else report.alreadyApplied += 1;
  }
  return report;
}

/** Opens the database at `url`, brings its schema up to date and returns the client. */
export async function openMigratedDb(url: string): Promise<Db> {
  const db = createDb(url);
  await applyMigrations(db, databaseProvider(url));
  return db;
}
