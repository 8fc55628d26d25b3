// Prisma, offline and for two databases from one schema. Run with tsx (npm run db:*).
//   generate            render the PostgreSQL twin of prisma/schema.prisma, generate both clients
//   deploy              apply pending migrations to DATABASE_URL (SQLite file or PostgreSQL)
//   new-migration NAME  write the SQL that takes each provider from the last committed schema to this one
import { execFileSync, spawnSync } from "node:child_process";
import {
  mkdirSync,
  readFileSync,
  writeFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { devStackPaths } from "@tandem/config/dev-stack";

const root = path.resolve(import.meta.dirname, "..");
const schemaPath = path.join(root, "prisma", "schema.prisma");
const pgSchemaPath = path.join(root, "prisma", "generated", "postgresql.prisma");
const prismaBin = path.join(root, "node_modules", ".bin", "prisma");

// Prisma's CLI downloads native engines unless told where they are. With engine "js" and
// driver adapters it never runs them, so any existing file will do.
const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
  PRISMA_QUERY_ENGINE_LIBRARY: process.env.PRISMA_QUERY_ENGINE_LIBRARY ?? process.execPath,
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
  CHECKPOINT_DISABLE: "1",
};

function renderPostgresSchema(source: string): string {
  return source
    .replace('provider = "sqlite"', 'provider = "postgresql"')
    .replace(
      'output       = "../packages/db/src/generated/sqlite"',
      'output       = "../../packages/db/src/generated/postgresql"',
    )
    .replace(
      /^\/\/ The one data model[\s\S]*?\n\n/,
      "// Generated from prisma/schema.prisma by scripts/prisma.ts. Do not edit.\n\n",
    );
}

function writePostgresSchema(): void {
  const rendered = renderPostgresSchema(readFileSync(schemaPath, "utf8"));
  if (!rendered.includes('provider = "postgresql"') || !rendered.includes("generated/postgresql")) {
    throw new Error("prisma/schema.prisma no longer has the lines scripts/prisma.ts rewrites");
  }
  mkdirSync(path.dirname(pgSchemaPath), { recursive: true });
  writeFileSync(pgSchemaPath, rendered);
}

function prisma(args: string[], extraEnv: Record<string, string> = {}): string {
  const result = spawnSync(prismaBin, args, {
    cwd: root,
    env: { ...env, ...extraEnv },
    encoding: "utf8",
  });
  if (result.status !== 0) {
    process.stderr.write(result.stdout + result.stderr);
    throw new Error(`prisma ${args.join(" ")} failed`);
  }
  return result.stdout;
}

function generate(): void {
  writePostgresSchema();
  prisma(["generate", "--schema", schemaPath]);
  prisma(["generate", "--schema", pgSchemaPath]);
}

function deploy(): void {
  const url = devStackPaths(root).databaseUrl;
  if (url.startsWith("file:"))
    mkdirSync(path.dirname(url.slice("file:".length)), { recursive: true });
  if (!existsSync(pgSchemaPath)) writePostgresSchema();
  try {
    prisma(["migrate", "deploy"], { DATABASE_URL: url });
  } catch {
    const where = url.startsWith("file:") ? url : url.replace(/\/\/[^@]*@/, "//***@");
    console.error(
      `tandem: could not migrate the database at ${where}; check DATABASE_URL and that the server is reachable.`,
    );
    process.exit(1);
  }
}

// Prisma's JS schema engine needs a live PostgreSQL even to diff two schema files.
function scratchPostgresUrl(): string {
  if (process.env.MIGRATION_POSTGRES_URL) return process.env.MIGRATION_POSTGRES_URL;
  const dir = devStackPaths(root).migrationPostgresDir;
  return execFileSync(
    "bash",
    [path.join(root, "scripts", "postgres-local.sh"), "start", dir, "55433"],
    { encoding: "utf8" },
  ).trim();
}

function newMigration(name: string | undefined): void {
  if (!name || !/^[a-z0-9_]+$/.test(name))
    throw new Error("usage: new-migration <snake_case_name>");
  writePostgresSchema();
  const work = mkdtempSync(path.join(tmpdir(), "tandem-migration-"));
  let previous: string | null = null;
  try {
    previous = execFileSync("git", ["show", "HEAD:prisma/schema.prisma"], {
      cwd: root,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    });
  } catch {
    previous = null;
  }
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  for (const provider of ["sqlite", "postgresql"]) {
    const dir = path.join(root, "prisma", "migrations", provider);
    mkdirSync(dir, { recursive: true });
    const hasHistory = existsSync(dir) && readdirSync(dir).some((d) => /^\d/.test(d));
    const to = provider === "sqlite" ? schemaPath : pgSchemaPath;
    const from: string[] = [];
    if (hasHistory && previous) {
      const prevPath = path.join(work, `${provider}.prisma`);
      writeFileSync(prevPath, provider === "sqlite" ? previous : renderPostgresSchema(previous));
      from.push("--from-schema-datamodel", prevPath);
    } else {
      from.push("--from-empty");
    }
    // The diff needs no database, but the config builds an adapter for the provider it names.
    const scratchUrl =
      provider === "sqlite" ? `file:${path.join(work, "scratch.db")}` : scratchPostgresUrl();
    const sql = prisma(["migrate", "diff", ...from, "--to-schema-datamodel", to, "--script"], {
      DATABASE_URL: scratchUrl,
    });
    const target = path.join(dir, `${stamp}_${name}`);
    mkdirSync(target, { recursive: true });
    writeFileSync(path.join(target, "migration.sql"), sql);
    writeFileSync(
      path.join(dir, "migration_lock.toml"),
      `# Written by scripts/prisma.ts\nprovider = "${provider}"\n`,
    );
    console.log(`wrote ${path.relative(root, target)}/migration.sql`);
  }
}

const [command, arg] = process.argv.slice(2);
if (command === "generate") generate();
else if (command === "deploy") deploy();
else if (command === "new-migration") newMigration(arg);
else {
  console.error("usage: tsx scripts/prisma.ts generate | deploy | new-migration NAME");
  process.exit(2);
}
