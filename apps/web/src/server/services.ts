import "server-only";
import { Client, Connection } from "@temporalio/client";
import { loadServerEnv, type ServerEnv } from "@tandem/config";
import {
  createDb,
  guardUnscopedQueries,
  parseSecretKeyring,
  scopeToWorkspace,
  type Db,
  type SecretKeys,
  type WorkspaceDb,
} from "@tandem/db";

/** Process-wide singletons of the web app, created on first use (not at build time). */
interface Services {
  env: ServerEnv;
  db: Db;
  scopedDb: (workspaceId: string) => WorkspaceDb;
  secretKey: SecretKeys;
  temporal: () => Promise<Client>;
}

const globalForServices = globalThis as unknown as { tandemServices?: Services };

export function services(): Services {
  if (globalForServices.tandemServices) return globalForServices.tandemServices;
  const env = loadServerEnv();
  let client: Promise<Client> | null = null;
  const temporal = () => {
    client ??= Connection.connect({ address: env.TEMPORAL_ADDRESS, connectTimeout: "3 seconds" })
      .then((connection) => new Client({ connection, namespace: env.TEMPORAL_NAMESPACE }))
      .catch((error: unknown) => {
        client = null; // try again on the next request
        throw error;
      });
    return client;
  };
  const baseDb = createDb(env.DATABASE_URL);
  globalForServices.tandemServices = {
    env,
    db: guardUnscopedQueries(baseDb),
    scopedDb: (workspaceId) => scopeToWorkspace(baseDb, workspaceId),
    secretKey: parseSecretKeyring(env.TANDEM_SECRET_KEY, env.TANDEM_SECRET_KEYS_PREVIOUS),
    temporal,
  };
  return globalForServices.tandemServices;
}
