// The worker process: runs the sync executors and their drains, makes sure the deployment's
// one inbox relay is running and every sync's reconciliation schedule follows the database. Stateless: start as many as the load needs.
import { Client, Connection } from "@temporalio/client";
import { NativeConnection } from "@temporalio/worker";
import { loadServerEnv } from "@tandem/config";
import { openMigratedDb, parseSecretKeyring } from "@tandem/db";
import { tandemClientDataConverter } from "./data-converter";
import { followAllSyncSchedules } from "./reconcile-schedules";
import { startInboxRelay } from "./relay";
import { createSyncWorker } from "./worker";

async function main(): Promise<void> {
  const env = loadServerEnv();
  const db = await openMigratedDb(env.DATABASE_URL);
  const secretKey = parseSecretKeyring(env.TANDEM_SECRET_KEY, env.TANDEM_SECRET_KEYS_PREVIOUS);
  const connection = await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS });
  const temporal = new Client({
    connection: await Connection.connect({ address: env.TEMPORAL_ADDRESS }),
    namespace: env.TEMPORAL_NAMESPACE,
    dataConverter: tandemClientDataConverter(secretKey),
  });
  const worker = await createSyncWorker({
    connection,
    namespace: env.TEMPORAL_NAMESPACE,
    db,
    temporal,
    secretKey,
    allowPrivateNetwork: env.TANDEM_ALLOW_PRIVATE_NETWORK,
    taskQueue: env.TANDEM_TASK_QUEUE,
    batchSize: env.TANDEM_DRAIN_BATCH,
    concurrency: env.TANDEM_DRAIN_CONCURRENCY,
    inboxRetentionDays: env.TANDEM_INBOX_RETENTION_DAYS,
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const)
    process.once(signal, () => worker.shutdown());
  console.log(
    `worker: polling task queue "${worker.options.taskQueue}" on ${env.TEMPORAL_ADDRESS}`,
  );
  try {
    // The relay is started once per deployment (a fixed id); a failure to start it here is
    // logged, not fatal: another worker, or this one's next start, starts it.
    startInboxRelay(temporal, worker.options.taskQueue).catch((error: unknown) => {
      console.error(
        `worker: inbox relay not started: ${error instanceof Error ? error.message : String(error)}`,
      );
    });
    followAllSyncSchedules(db, temporal, {
      defaultIntervalMinutes: env.TANDEM_RECONCILE_INTERVAL_MINUTES,
      taskQueue: worker.options.taskQueue,
    }).catch((error: unknown) => {
      console.error(
        `worker: reconciliation schedules not updated: ${error instanceof Error ? error.message : String(error)}`,
      );
    });
    await worker.run();
  } finally {
    await connection.close();
    await db.$disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(`worker: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
