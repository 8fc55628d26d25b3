import {
  CancellationScope,
  ContinueAsNew,
  continueAsNew,
  isCancellation,
  defineQuery,
  proxyActivities,
  setHandler,
  workflowInfo,
} from "@temporalio/workflow";
import type { Side } from "@tandem/sync-core";
import type { SyncActivities } from "../activities";
import {
  BACKFILL_PROGRESS_QUERY,
  addCounts,
  emptyBackfillCounts,
  mergeFieldDiffs,
  type BackfillInput,
  type BackfillProgress,
  type BackfillState,
} from "../backfill-shapes";

const { listBackfillPage, pairBackfillRecords, processBackfillPage, clearBackfill } =
  proxyActivities<SyncActivities>({
    // A page is a few hundred records; a vendor that stalls is cut off by its own timeouts.
    startToCloseTimeout: "5 minutes",
    retry: {
      initialInterval: "1 second",
      backoffCoefficient: 2,
      maximumInterval: "1 minute",
      maximumAttempts: 20,
    },
  });

export const backfillProgressQuery = defineQuery<BackfillProgress>(BACKFILL_PROGRESS_QUERY);

const DEFAULT_PAGE_SIZE = 250;
const DEFAULT_PAGES_AT_ONCE = 2;
const DEFAULT_LIST_BATCH = 1_000;
const SIDES: readonly Side[] = ["a", "b"];

function initialState(input: BackfillInput): BackfillState {
  const info = workflowInfo();
  return {
    backfillId: `${info.workflowId}/${info.runId}`,
    mode: input.mode,
    phase: "listing",
    cursors: { a: null, b: null },
    listed: { a: 0, b: 0 },
    listingDone: { a: false, b: false },
    total: 0,
    done: 0,
    nextPage: 0,
    pagesDone: 0,
    counts: emptyBackfillCounts(),
    fieldDiffs: {},
    planHash: null,
    startedAtMs: info.startTime.getTime(),
    syncingStartedAtMs: null,
    lastProgressAtMs: info.startTime.getTime(),
    runs: 1,
  };
}

function progressOf(state: BackfillState, pageSize: number): BackfillProgress {
  const now = state.lastProgressAtMs;
  const remaining = state.total - state.done;
  let etaSeconds: number | null = null;
  if (state.phase === "done") etaSeconds = 0;
  else if (state.phase === "syncing" && state.syncingStartedAtMs !== null && state.done > 0) {
    const perItemMs = (now - state.syncingStartedAtMs) / state.done;
    etaSeconds = Math.round((remaining * perItemMs) / 1000);
  }
  return {
    mode: state.mode,
    phase: state.phase,
    listed: { ...state.listed },
    total: state.total,
    done: state.done,
    pages: Math.ceil(state.total / pageSize),
    pagesDone: state.pagesDone,
    counts: { ...state.counts },
    fieldDiffs: state.fieldDiffs,
    planHash: state.planHash,
    elapsedSeconds: Math.round((now - state.startedAtMs) / 1000),
    etaSeconds,
  };
}

/** Keeps each run's history well under Temporal's limits. */
const historyIsLong = () =>
  workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > 10_000;

/**
 * The backfill of one sync (or its dry run, which decides the same and writes nothing): lists
 * both systems into a snapshot page by page, pairs the records by the plan's match keys, then
 * works through the pairs and unmatched records in page-sized activities, a few at once.
 * Cursors, counts and the next page live in workflow state, so a worker restart resumes where
 * the last finished activity left off, and a long backfill continues as new with that state.
 * Progress (counts per outcome, ETA) is a query. Cancelling stops after the pages in flight and
 * drops the snapshot.
 */
export async function backfillWorkflow(input: BackfillInput): Promise<BackfillProgress> {
  const state = input.state ?? initialState(input);
  const pageSize = input.pageSize ?? DEFAULT_PAGE_SIZE;
  const pagesAtOnce = input.pagesAtOnce ?? DEFAULT_PAGES_AT_ONCE;
  const listBatch = input.listBatch ?? DEFAULT_LIST_BATCH;
  setHandler(backfillProgressQuery, () => progressOf(state, pageSize));
  const ref = { workspaceId: input.workspaceId, syncId: input.syncId };
  const { backfillId } = state;
  const carryOn = () =>
    continueAsNew<typeof backfillWorkflow>({
      ...input,
      state: { ...state, runs: state.runs + 1 },
    });

  try {
    if (state.phase === "listing") {
      await Promise.all(
        SIDES.map(async (side) => {
          while (!state.listingDone[side] && !historyIsLong()) {
            const listed = await listBackfillPage({
              ref,
              backfillId,
              side,
              cursor: state.cursors[side],
              maxRecords: listBatch,
            });
            state.listed[side] += listed.listed;
            state.lastProgressAtMs = Math.max(state.lastProgressAtMs, listed.atMs);
            state.cursors[side] = listed.nextCursor;
            if (listed.nextCursor === null) state.listingDone[side] = true;
          }
        }),
      );
      if (!state.listingDone.a || !state.listingDone.b) return await carryOn();
      state.phase = "pairing";
    }
    if (state.phase === "pairing") {
      const paired = await pairBackfillRecords({ ref, backfillId });
      state.total = paired.total;
      state.planHash = paired.planHash;
      state.phase = "syncing";
      state.syncingStartedAtMs = paired.atMs;
      state.lastProgressAtMs = paired.atMs;
    }
    if (state.phase === "syncing") {
      const pages = Math.ceil(state.total / pageSize);
      const finished = new Set<number>();
      let launched = state.nextPage;
      const runPage = async (page: number) => {
        const result = await processBackfillPage({
          ref,
          backfillId,
          mode: state.mode,
          fromSeq: page * pageSize,
          toSeq: (page + 1) * pageSize,
        });
        state.done += result.done;
        state.pagesDone += 1;
        state.planHash = result.planHash;
        state.lastProgressAtMs = Math.max(state.lastProgressAtMs, result.atMs);
        addCounts(state.counts, result.counts);
        mergeFieldDiffs(state.fieldDiffs, result.fieldDiffs);
        finished.add(page);
        while (finished.delete(state.nextPage)) state.nextPage += 1;
      };
      await Promise.all(
        Array.from({ length: pagesAtOnce }, async () => {
          while (launched < pages && !historyIsLong()) await runPage(launched++);
        }),
      );
      if (state.nextPage < pages) return await carryOn();
    }
    await clearBackfill({ ref, backfillId });
    state.phase = "done";
    return progressOf(state, pageSize);
  } catch (error) {
    if (error instanceof ContinueAsNew) throw error;
    state.phase = isCancellation(error) ? "cancelled" : "failed";
    await CancellationScope.nonCancellable(() => clearBackfill({ ref, backfillId }));
    throw error;
  }
}
