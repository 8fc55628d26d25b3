// The worker process: runs record-sync workflows and their activities, and relays inbox
// events that ingress could not hand to Temporal.
import { Client, Connection } from "@temporalio/client";
import { NativeConnection } from "@temporalio/worker";
import { loadServerEnv } from "@tandem/config";
import { openMigratedDb, parseSecretKeyring } from "@tandem/db";
import { relayUnsignalledChanges } from "./relay";
import { createSyncWorker } from "./worker";

const RELAY_INTERVAL_MS = 5_000;

async function main(): Promise<void> {
  const env = loadServerEnv();
  const db = await openMigratedDb(env.DATABASE_URL);
  const connection = await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS });
  const worker = await createSyncWorker({
    connection,
    namespace: env.TEMPORAL_NAMESPACE,
    db,
    secretKey: parseSecretKeyring(env.TANDEM_SECRET_KEY, env.TANDEM_SECRET_KEYS_PREVIOUS),
    allowPrivateNetwork: env.TANDEM_ALLOW_PRIVATE_NETWORK,
  });
  const client = new Client({
    connection: await Connection.connect({ address: env.TEMPORAL_ADDRESS }),
    namespace: env.TEMPORAL_NAMESPACE,
  });
  const relay = setInterval(() => {
    relayUnsignalledChanges(db, client).catch((error: unknown) => {
      console.error(`relay: ${error instanceof Error ? error.message : String(error)}`);
    });
  }, RELAY_INTERVAL_MS);
  for (const signal of ["SIGINT", "SIGTERM"] as const)
    process.once(signal, () => worker.shutdown());
  console.log(
    `worker: polling task queue "${worker.options.taskQueue}" on ${env.TEMPORAL_ADDRESS}`,
  );
  try {
    await worker.run();
  } finally {
    clearInterval(relay);
    await connection.close();
    await db.$disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(`worker: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
