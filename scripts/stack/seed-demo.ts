import { createHash, randomBytes, randomUUID } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createConnection, sealSecrets, type Db } from "@tandem/db";
import { EMPLOYEE_FIELDS } from "@tandem/hr-model";

export interface DemoSecrets {
  bamboohr: { companyDomain: string; apiKey: string; webhookPrivateKey: string };
  gusto: { companyId: string; accessToken: string; webhookVerificationToken: string };
}

/** Demo credentials, made once per data directory so simulators and connections agree across restarts. */
export function loadOrCreateDemoSecrets(file: string): DemoSecrets {
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as DemoSecrets;
  const secret = () => randomBytes(24).toString("base64url");
  const secrets: DemoSecrets = {
    bamboohr: { companyDomain: "acme", apiKey: secret(), webhookPrivateKey: secret() },
    gusto: { companyId: randomUUID(), accessToken: secret(), webhookVerificationToken: secret() },
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
        secretsSealed: sealSecrets(secretKey, connectionSecrets),
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
  return {
    workspaceId: workspace.id,
    syncId: sync.id,
    connections: { bamboohr: hris.id, gusto: payroll.id },
  };
}
