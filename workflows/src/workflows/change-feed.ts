import { condition, continueAsNew, proxyActivities } from "@temporalio/workflow";
import type { SyncActivities } from "../activities";
import type { ChangeFeedInput } from "../shared";

const DEFAULT_RUN_MS = 60_000;
const DEFAULT_PRUNE_EVERY_MS = 60 * 60_000;
/** Reading activities per run before continuing as new, keeping each run's history small. */
const PUMPS_PER_RUN = 200;

/**
 * The reader of one change-feed connection (a PostgreSQL table; id
 * `ws-<workspace>/connection-<connection>/change-feed`). Each activity reads the feed for a
 * while after the stored cursor and stores what it read in the inbox, cursor and inbox rows in
 * one transaction, so a worker that dies mid-read loses and repeats nothing: the next attempt
 * starts from the stored cursor. Beside the reads, a timer prunes consumed changes from the
 * source. It completes once no live sync uses the connection.
 */
export async function changeFeedWorkflow(input: ChangeFeedInput): Promise<{ pumps: number }> {
  const runMs = input.runMs ?? DEFAULT_RUN_MS;
  const { pumpChangeFeed } = proxyActivities<SyncActivities>({
    startToCloseTimeout: runMs + 60_000,
    // A reader lost with its worker is started again within seconds, not after the timeout.
    heartbeatTimeout: "10 seconds",
    retry: { initialInterval: "1 second", backoffCoefficient: 2, maximumInterval: "30 seconds" },
  });
  const { pruneChangeFeed } = proxyActivities<SyncActivities>({
    startToCloseTimeout: "5 minutes",
    retry: { initialInterval: "5 seconds", maximumInterval: "5 minutes" },
  });
  const ref = { workspaceId: input.workspaceId, connectionId: input.connectionId };
  const pruneEveryMs = input.pruneEveryMs ?? DEFAULT_PRUNE_EVERY_MS;
  let reading = true;
  let pumps = 0;
  let live = true;
  const read = async () => {
    while (pumps < PUMPS_PER_RUN) {
      pumps += 1;
      const result = await pumpChangeFeed({ ...ref, runMs });
      if (!result.live) {
        live = false;
        break;
      }
    }
    reading = false;
  };
  // The workflow's timer: a prune every `pruneEveryMs` while the feed is read.
  const prune = async () => {
    while (reading) {
      if (await condition(() => !reading, pruneEveryMs)) break;
      await pruneChangeFeed(ref);
    }
  };
  await Promise.all([read(), prune()]);
  if (!live) return { pumps };
  return continueAsNew<typeof changeFeedWorkflow>(input);
}
