import { continueAsNew, proxyActivities, sleep } from "@temporalio/workflow";
import type { SyncActivities } from "../activities";

const { nudgeWaitingSyncs } = proxyActivities<SyncActivities>({
  startToCloseTimeout: "1 minute",
  retry: { initialInterval: "1 second", maximumInterval: "30 seconds" },
});

const ROUNDS_PER_RUN = 500;

/**
 * The deployment's one relay (a single workflow id, so it runs once however many workers
 * there are): every few seconds it signals the executors of syncs whose queued changes have
 * waited too long, i.e. changes stored while Temporal was unreachable.
 */
export async function inboxRelayWorkflow(input: { intervalMs?: number } = {}): Promise<void> {
  for (let round = 0; round < ROUNDS_PER_RUN; round += 1) {
    await nudgeWaitingSyncs();
    await sleep(input.intervalMs ?? 5_000);
  }
  await continueAsNew<typeof inboxRelayWorkflow>(input);
}
