import { continueAsNew, patched, proxyActivities, sleep } from "@temporalio/workflow";
import type { SyncActivities } from "../activities";

const { nudgeWaitingSyncs, pruneInbox, ensureChangeFeeds } = proxyActivities<SyncActivities>({
  startToCloseTimeout: "1 minute",
  retry: { initialInterval: "1 second", maximumInterval: "30 seconds" },
});

const ROUNDS_PER_RUN = 500;

/**
 * The deployment's one relay (a single workflow id, so it runs once however many workers
 * there are): every few seconds it signals the executors of syncs whose queued changes have
 * waited too long, i.e. changes stored while Temporal was unreachable. Each run starts by
 * pruning the inbox past its retention (a run lasts about 40 minutes at the default interval).
 * Each round also starts the change feed of every change-feed connection a live sync uses
 * (a feed stops by itself when that ends), so a new one is read within a round.
 */
export async function inboxRelayWorkflow(input: { intervalMs?: number } = {}): Promise<void> {
  // Relays already running when this was deployed replay without it.
  if (patched("inbox-retention")) await pruneInbox();
  for (let round = 0; round < ROUNDS_PER_RUN; round += 1) {
    if (patched("change-feeds")) await ensureChangeFeeds();
    await nudgeWaitingSyncs();
    await sleep(input.intervalMs ?? 5_000);
  }
  await continueAsNew<typeof inboxRelayWorkflow>(input);
}
