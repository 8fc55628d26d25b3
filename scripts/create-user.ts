// Creates a member of a workspace (the first admin of a new deployment, or anyone later).
//   npm run user:create -- --email ada@example.com --workspace acme [--workspace-name "Acme Corp"]
//                          [--role admin|operator|viewer] [--password-stdin]
// The workspace is created when no workspace has that slug. Without --password-stdin a random
// password is generated and printed once. Run again for an existing email: its password is set
// (ending its sessions) and its role in the workspace updated. DATABASE_URL defaults to the
// local stack's, as for `npm run db:migrate`; pending migrations are applied first.
import { randomBytes } from "node:crypto";
import path from "node:path";
import { parseArgs } from "node:util";
import { devStackPaths } from "@tandem/config/dev-stack";
import { openMigratedDb } from "@tandem/db";
import { AccountError, normalizeEmail, RoleSchema, upsertMember } from "@tandem/api/auth";

const { values } = parseArgs({
  options: {
    email: { type: "string" },
    workspace: { type: "string" },
    "workspace-name": { type: "string" },
    role: { type: "string", default: "admin" },
    "password-stdin": { type: "boolean", default: false },
  },
});

function fail(message: string): never {
  console.error(`user:create: ${message}`);
  process.exit(1);
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString("utf8")
    .replace(/\r?\n$/, "");
}

if (!values.email || !values.workspace)
  fail(
    "usage: npm run user:create -- --email <email> --workspace <slug> [--role admin|operator|viewer] [--password-stdin]",
  );
if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(values.workspace))
  fail(`--workspace is a slug (lower-case letters, digits, dashes), not "${values.workspace}"`);
const role = RoleSchema.safeParse(values.role);
if (!role.success) fail(`--role must be admin, operator or viewer, not "${values.role}"`);

const generated = !values["password-stdin"];
const password = generated ? randomBytes(18).toString("base64url") : await readStdin();
const db = await openMigratedDb(devStackPaths(path.resolve(import.meta.dirname, "..")).databaseUrl);
try {
  const workspace = await db.workspace.upsert({
    where: { slug: values.workspace },
    create: { slug: values.workspace, name: values["workspace-name"] ?? values.workspace },
    update: {},
  });
  const { created } = await upsertMember(db, {
    email: values.email,
    password,
    workspaceId: workspace.id,
    role: role.data,
  });
  console.log(
    `${created ? "created" : "updated"} ${normalizeEmail(values.email)}: ${role.data} of "${workspace.name}" (${workspace.slug})`,
  );
  if (generated) console.log(`password (shown once): ${password}`);
} catch (error) {
  if (error instanceof AccountError) fail(error.message);
  throw error;
} finally {
  await db.$disconnect();
}
