import "server-only";
import { Client, Connection } from "@temporalio/client";
import { loadServerEnv, type ServerEnv } from "@tandem/config";
import {
  createDb,
  createInboxWriter,
  guardUnscopedQueries,
  parseSecretKeyring,
  scopeToWorkspace,
  type Db,
  type InboxWriter,
  type SecretKeys,
  type WorkspaceDb,
} from "@tandem/db";
import {
  createIngressConnections,
  type CodecServerDeps,
  type IngressConnections,
} from "@tandem/api";
import { SignInRateLimits } from "@tandem/api/auth";
import { tandemClientDataConverter } from "@tandem/workflows/data-converter";
import { temporalNudger, type ExecutorNudger } from "@tandem/workflows/dispatch";

/** Process-wide singletons of the web app, created on first use (not at build time). */
interface Services {
  env: ServerEnv;
  db: Db;
  scopedDb: (workspaceId: string) => WorkspaceDb;
  secretKey: SecretKeys;
  temporal: () => Promise<Client>;
  /** The codecs of every Temporal client here and of the worker (the codec endpoint uses them). */
  temporalCodecs: CodecServerDeps["codecs"];
  /** Signals sync executors that their queues grew, coalesced per sync across requests. */
  nudger: ExecutorNudger;
  /** Connections as webhook ingress opened them, kept a few seconds across requests. */
  ingressConnections: IngressConnections;
  /** Sign-in attempts per account and per client address, counted in this process. */
  signInLimits: SignInRateLimits;
  /** Commits webhook deliveries that arrive together in one transaction. */
  inbox: InboxWriter;
}

let nudgerClient: Client | null = null;
let clientNudger: ExecutorNudger | null = null;
/** One coalescing nudger per Temporal client (a new client after a reconnect gets a new one). */
function temporalNudgerFor(client: Client, taskQueue: string): ExecutorNudger {
  if (nudgerClient !== client || !clientNudger) {
    nudgerClient = client;
    clientNudger = temporalNudger(client, taskQueue);
  }
  return clientNudger;
}

const globalForServices = globalThis as unknown as { tandemServices?: Services };

export function services(): Services {
  if (globalForServices.tandemServices) return globalForServices.tandemServices;
  const env = loadServerEnv();
  const secretKey = parseSecretKeyring(env.TANDEM_SECRET_KEY, env.TANDEM_SECRET_KEYS_PREVIOUS);
  const dataConverter = tandemClientDataConverter(secretKey);
  let client: Promise<Client> | null = null;
  const temporal = () => {
    client ??= Connection.connect({ address: env.TEMPORAL_ADDRESS, connectTimeout: "3 seconds" })
      .then(
        (connection) =>
          new Client({
            connection,
            namespace: env.TEMPORAL_NAMESPACE,
            dataConverter,
          }),
      )
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
    secretKey,
    temporal,
    temporalCodecs: dataConverter.payloadCodecs ?? [],
    ingressConnections: createIngressConnections(),
    signInLimits: new SignInRateLimits(),
    inbox: createInboxWriter(baseDb),
    nudger: {
      nudge: async (refs) => temporalNudgerFor(await temporal(), env.TANDEM_TASK_QUEUE).nudge(refs),
    },
  };
  return globalForServices.tandemServices;
}
