// The standalone webhook ingress process (`npm run ingress`): the web app's webhook route
// without the web framework, for deployments that route `/api/hooks/` to it. Stateless: run as
// many as the load needs, each with the web app's environment.
import { Client, Connection } from "@temporalio/client";
import { loadHostAllowlist, loadServerEnv } from "@tandem/config";
import { createDb, createInboxWriter, parseSecretKeyring } from "@tandem/db";
import { tandemClientDataConverter } from "@tandem/workflows/data-converter";
import { temporalNudger, type ExecutorNudger } from "@tandem/workflows/dispatch";
import { createIngressConnections } from "./ingress-connections";
import { createIngressServer } from "./ingress-server";

const env = loadServerEnv();
const secretKey = parseSecretKeyring(env.TANDEM_SECRET_KEY, env.TANDEM_SECRET_KEYS_PREVIOUS);
const db = createDb(env.DATABASE_URL);

// Connected on first use and again after a failure, so ingress answers while Temporal is down
// (changes stay queued; the relay nudges their executors later).
let nudger: Promise<ExecutorNudger> | null = null;
function connectedNudger(): Promise<ExecutorNudger> {
  nudger ??= Connection.connect({ address: env.TEMPORAL_ADDRESS, connectTimeout: "3 seconds" })
    .then((connection) =>
      temporalNudger(
        new Client({
          connection,
          namespace: env.TEMPORAL_NAMESPACE,
          dataConverter: tandemClientDataConverter(secretKey),
        }),
        env.TANDEM_TASK_QUEUE,
      ),
    )
    .catch((error: unknown) => {
      nudger = null;
      throw error;
    });
  return nudger;
}

const server = createIngressServer(
  {
    db,
    secretKey,
    allowPrivateNetwork: env.TANDEM_ALLOW_PRIVATE_NETWORK,
    connections: createIngressConnections(),
    inbox: createInboxWriter(db),
    nudger: { nudge: async (refs) => (await connectedNudger()).nudge(refs) },
    log: (message) => console.warn(message),
  },
  { hosts: loadHostAllowlist() },
);
server.listen(env.TANDEM_INGRESS_PORT, env.TANDEM_INGRESS_HOST, () => {
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : env.TANDEM_INGRESS_PORT;
  console.log(`ingress: listening on http://${env.TANDEM_INGRESS_HOST}:${port}/api/hooks/`);
});
for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.once(signal, () => {
    server.close(() => void db.$disconnect());
  });
