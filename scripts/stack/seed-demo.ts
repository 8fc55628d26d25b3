import { createHash, randomBytes, randomUUID } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import {
  bindingOfConnectionRow,
  createConnection,
  scopeToWorkspace,
  sealSecrets,
  type Db,
} from "@tandem/db";
import { EMPLOYEE_FIELDS } from "@tandem/hr-model";
// The mappings and auth entries, not @tandem/api's index: the index pulls in Temporal's proto
// bundle, which tsx cannot load as ESM, and the seed needs none of it.
import { upsertMember } from "@tandem/api/auth";
import { createMapping, publishMappingDraft } from "@tandem/api/mappings";

export interface DemoSecrets {
  bamboohr: { companyDomain: string; apiKey: string; webhookPrivateKey: string };
  gusto: {
    companyId: string;
    accessToken: string;
    webhookVerificationToken: string;
    /** Gusto's system access token, which `GET /v1/events` (reconciliation's listing) takes. */
    systemAccessToken: string;
  };
}

/** Demo credentials, made once per data directory so simulators and connections agree across restarts. */
export function loadOrCreateDemoSecrets(file: string): DemoSecrets {
  const secret = () => randomBytes(24).toString("base64url");
  const stored = existsSync(file)
    ? (JSON.parse(readFileSync(file, "utf8")) as Omit<DemoSecrets, "gusto"> & {
        gusto: Omit<DemoSecrets["gusto"], "systemAccessToken"> & { systemAccessToken?: string };
      })
    : null;
  if (stored?.gusto.systemAccessToken !== undefined) return stored as DemoSecrets;
  // A file written before the demo had a Gusto system token gains one; the rest stays.
  const secrets: DemoSecrets = stored
    ? { ...stored, gusto: { ...stored.gusto, systemAccessToken: secret() } }
    : {
        bamboohr: { companyDomain: "acme", apiKey: secret(), webhookPrivateKey: secret() },
        gusto: {
          companyId: randomUUID(),
          accessToken: secret(),
          webhookVerificationToken: secret(),
          systemAccessToken: secret(),
        },
      };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

/** The walking skeleton's plan: every normalized employee field, HRIS wins conflicts. */
export const SKELETON_PLAN_VERSION = createHash("sha256")
  .update(JSON.stringify({ entity: "employee", fields: EMPLOYEE_FIELDS, conflictPolicy: "A_WINS" }))
  .digest("hex");

export interface DemoWorkspace {
  workspaceId: string;
  syncId: string;
  connections: { bamboohr: string; gusto: string };
}

/**
 * Creates (or refreshes, idempotently) the demo workspace: a BambooHR-shaped HRIS and a
 * Gusto-shaped payroll, both simulated on loopback, synced both ways.
 */
export async function seedDemoWorkspace(
  db: Db,
  secretKey: Buffer,
  secrets: DemoSecrets,
  urls: { bamboohr: string; gusto: string },
): Promise<DemoWorkspace> {
  const workspace = await db.workspace.upsert({
    where: { slug: "demo" },
    create: { slug: "demo", name: "Acme Corp (demo)" },
    update: {},
  });
  const upsertConnection = async (
    kind: "bamboohr" | "gusto",
    name: string,
    settings: Record<string, unknown>,
    connectionSecrets: Record<string, string>,
  ) => {
    const existing = await db.connection.findFirst({
      where: { workspaceId: workspace.id, kind, name },
    });
    if (!existing)
      return createConnection(db, secretKey, {
        workspaceId: workspace.id,
        kind,
        name,
        settings,
        secrets: connectionSecrets,
      });
    return db.connection.update({
      where: { id: existing.id },
      data: {
        settings: JSON.stringify(settings),
        secretsSealed: sealSecrets(
          secretKey,
          connectionSecrets,
          bindingOfConnectionRow({ ...existing, settings: JSON.stringify(settings) }),
        ),
      },
    });
  };
  const { companyDomain, ...bambooSecrets } = secrets.bamboohr;
  const { companyId, ...gustoSecrets } = secrets.gusto;
  const hris = await upsertConnection(
    "bamboohr",
    "HRIS (BambooHR)",
    { baseUrl: urls.bamboohr, companyDomain, simulator: true },
    bambooSecrets,
  );
  const payroll = await upsertConnection(
    "gusto",
    "Payroll (Gusto)",
    { baseUrl: urls.gusto, companyId, simulator: true },
    gustoSecrets,
  );
  const existingSync = await db.sync.findFirst({
    where: { workspaceId: workspace.id, connectionAId: hris.id, connectionBId: payroll.id },
  });
  const sync =
    existingSync ??
    (await db.sync.create({
      data: {
        workspaceId: workspace.id,
        name: "Employees",
        connectionAId: hris.id,
        connectionBId: payroll.id,
        planVersion: SKELETON_PLAN_VERSION,
      },
    }));
  await seedDemoMapping(db, workspace.id, sync.id);
  return {
    workspaceId: workspace.id,
    syncId: sync.id,
    connections: { bamboohr: hris.id, gusto: payroll.id },
  };
}

export const DEMO_MAPPING_NAME = "BambooHR ⇄ Gusto";

/**
 * The demo sync's mapping, from the BambooHR ⇄ Gusto template, published once so the sync runs
 * a real version. A re-run keeps whatever the operator drew since; it only publishes a mapping
 * that was never published.
 */
async function seedDemoMapping(db: Db, workspaceId: string, syncId: string): Promise<void> {
  const wdb = scopeToWorkspace(db, workspaceId);
  let mapping = await wdb.mapping.findFirst({ where: { syncId } });
  if (!mapping) {
    const { id } = await createMapping(wdb, workspaceId, {
      name: DEMO_MAPPING_NAME,
      templateId: "template.bamboohr-gusto",
      syncId,
    });
    mapping = await wdb.mapping.findFirst({ where: { id } });
  }
  if (!mapping) throw new Error("the demo mapping vanished right after it was created");
  if (mapping.publishedHash) return;
  await publishMappingDraft(wdb, workspaceId, {
    id: mapping.id,
    baseRevision: mapping.draftRevision,
    note: "Seeded from the BambooHR ⇄ Gusto template",
  });
}

export interface DemoAdmin {
  email: string;
  password: string;
}

export const DEMO_ADMIN_EMAIL = "admin@demo.example";

/**
 * The demo workspace's admin, with a password made once per data directory (kept in `file`, so
 * it stays the same across restarts). Idempotent: a re-run keeps the account and its sessions,
 * and only sets the password again when it no longer matches the file.
 */
export async function seedDemoAdmin(db: Db, workspaceId: string, file: string): Promise<DemoAdmin> {
  const stored = existsSync(file)
    ? (JSON.parse(readFileSync(file, "utf8")) as Partial<DemoAdmin>)
    : {};
  const admin: DemoAdmin = {
    email: DEMO_ADMIN_EMAIL,
    password: stored.password ?? randomBytes(18).toString("base64url"),
  };
  if (stored.password !== admin.password)
    writeFileSync(file, JSON.stringify(admin, null, 2), { mode: 0o600 });
  await upsertMember(db, { ...admin, workspaceId, role: "admin" });
  return admin;
}
