import path from "node:path";

/**
 * The local dev stack's defaults, in one place: the dev runner (scripts/stack), the Prisma
 * script (scripts/prisma.ts) and the Prisma CLI config (prisma.config.ts) all read them here,
 * so `npm run db:migrate` migrates the database the stack runs on.
 *
 * No file-system access and nothing at module scope: safe to import from any loader.
 */

type EnvSource = Record<string, string | undefined>;

export class DevStackEnvError extends Error {
  override name = "DevStackEnvError";
}

/** Where the dev stack keeps its local state, all under one data directory. */
export interface DevStackPaths {
  /** `TANDEM_DATA_DIR`, relative to the repo root; `.data` by default. */
  dataDir: string;
  /** `DATABASE_URL`, else the SQLite file `tandem.db` in the data directory. */
  databaseUrl: string;
  /** Where the dev runner keeps a generated `TANDEM_SECRET_KEY`. */
  secretKeyFile: string;
  /** The local Temporal dev server's state. */
  temporalDbFile: string;
  /** The demo systems' generated credentials. */
  demoSecretsFile: string;
  /** The demo admin's generated password (its email is fixed). */
  demoAdminFile: string;
  /** The URLs and demo credentials the dev runner writes once the stack is up. */
  devJsonFile: string;
  /** The PostgreSQL cluster `db:migration:new` starts to diff schemas. */
  migrationPostgresDir: string;
}

export function devStackPaths(repoRoot: string, source: EnvSource = process.env): DevStackPaths {
  const dataDir = path.resolve(repoRoot, source.TANDEM_DATA_DIR ?? ".data");
  return {
    dataDir,
    databaseUrl: source.DATABASE_URL ?? `file:${path.join(dataDir, "tandem.db")}`,
    secretKeyFile: path.join(dataDir, "secret.key"),
    temporalDbFile: path.join(dataDir, "temporal.db"),
    demoSecretsFile: path.join(dataDir, "demo-secrets.json"),
    demoAdminFile: path.join(dataDir, "demo-admin.json"),
    devJsonFile: path.join(dataDir, "dev.json"),
    migrationPostgresDir: path.join(dataDir, "pg-scratch"),
  };
}

/** Every port the dev stack listens on, the variable that moves it, and its default. */
export const DEV_STACK_PORTS = {
  web: { variable: "TANDEM_WEB_PORT", defaultPort: 3000 },
  ingress: { variable: "TANDEM_INGRESS_PORT", defaultPort: 3001 },
  temporal: { variable: "TANDEM_TEMPORAL_PORT", defaultPort: 7233 },
  temporalUi: { variable: "TANDEM_TEMPORAL_UI_PORT", defaultPort: 8233 },
  bamboohr: { variable: "TANDEM_BAMBOOHR_PORT", defaultPort: 4010 },
  gusto: { variable: "TANDEM_GUSTO_PORT", defaultPort: 4020 },
} as const;

export type DevStackPortName = keyof typeof DEV_STACK_PORTS;
export type DevStackPorts = Record<DevStackPortName, number>;

export function devStackPorts(source: EnvSource = process.env): DevStackPorts {
  const entries = Object.entries(DEV_STACK_PORTS).map(([name, { variable, defaultPort }]) => {
    const raw = source[variable];
    if (!raw) return [name, defaultPort] as const;
    const port = Number(raw);
    if (!Number.isInteger(port) || port < 1 || port > 65535)
      throw new DevStackEnvError(`${variable}=${raw} is not a port number`);
    return [name, port] as const;
  });
  return Object.fromEntries(entries) as DevStackPorts;
}

/** What the dev runner takes from its environment besides paths and ports. */
export interface DevStackOverrides {
  /** `TEMPORAL_ADDRESS`: an existing Temporal; then the runner starts no dev server. */
  temporalAddress: string | undefined;
  /** `TANDEM_SECRET_KEY`: used as given instead of the generated key file. */
  secretKey: string | undefined;
}

export function devStackOverrides(source: EnvSource = process.env): DevStackOverrides {
  return {
    temporalAddress: source.TEMPORAL_ADDRESS || undefined,
    secretKey: source.TANDEM_SECRET_KEY || undefined,
  };
}
