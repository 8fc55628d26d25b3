// Names and shapes of the backfill workflow, shared by the workflow, its activities and the
// clients that start and query it. Free of runtime imports, like shared.ts.
import type { Side } from "@tandem/sync-core";
import type { SyncRef } from "./shared";

export const BACKFILL_WORKFLOW = "backfillWorkflow";
/** Answers a `BackfillProgress` while the backfill runs and after it ended. */
export const BACKFILL_PROGRESS_QUERY = "backfillProgress";

export type BackfillMode = "backfill" | "dry-run";

export interface BackfillOptions {
  /** Pairs (or unmatched records) per page activity: one transaction each. */
  pageSize?: number;
  /** Page activities at once. */
  pagesAtOnce?: number;
  /** Records per listing activity (several vendor pages when the vendor's pages are small). */
  listBatch?: number;
}

export interface BackfillInput extends SyncRef, BackfillOptions {
  mode: BackfillMode;
  /** Carried over by continue-as-new; absent on the first run. */
  state?: BackfillState;
}

/** Per outcome, each pair or unmatched record counted once; `linked` and `parked` also overlap. */
export interface BackfillCounts {
  /** Pairs linked by a match key (new links; a pair already linked is not counted again). */
  linked: number;
  /** Counterparts created on the other side for unmatched records. */
  created: number;
  /** Pairs whose differing fields were written (or, in a dry run, would be). */
  updated: number;
  /** Pairs that already agree under the plan. */
  unchanged: number;
  /** Pairs or records held for an operator: conflicts no rule settles, ambiguous matches. */
  parked: number;
  /** Records with no counterpart that the plan does not create on the other side. */
  unmatched: number;
  /** Pairs a vendor refused or kept failing; each has a review item. */
  failed: number;
}

export const emptyBackfillCounts = (): BackfillCounts => ({
  linked: 0,
  created: 0,
  updated: 0,
  unchanged: 0,
  parked: 0,
  unmatched: 0,
  failed: 0,
});

export interface FieldDiffSampleShape {
  aId: string | null;
  bId: string | null;
  before: unknown;
  after: unknown;
}

/** A dry run's differences per written field ("a.<field>" / "b.<field>"): a count and a few samples. */
export type FieldDiffs = Record<string, { count: number; samples: FieldDiffSampleShape[] }>;

export type BackfillPhase = "listing" | "pairing" | "syncing" | "done" | "cancelled" | "failed";

export interface BackfillState {
  /** Names this backfill's snapshot rows (stable across continue-as-new). */
  backfillId: string;
  mode: BackfillMode;
  phase: BackfillPhase;
  /** Listing cursors per side; null once that side is listed to the end. */
  cursors: Record<Side, string | null>;
  listed: Record<Side, number>;
  listingDone: Record<Side, boolean>;
  /** Items (pairs, unmatched and ambiguous records) in the work list. */
  total: number;
  done: number;
  /** Pages below this one are done (pages finish in order before a continue-as-new). */
  nextPage: number;
  pagesDone: number;
  counts: BackfillCounts;
  fieldDiffs: FieldDiffs;
  planHash: string | null;
  /** When the backfill started, its syncing phase started, and its last activity finished (ms). */
  startedAtMs: number;
  syncingStartedAtMs: number | null;
  lastProgressAtMs: number;
  /** Runs of this backfill's continue-as-new chain so far. */
  runs: number;
}

export interface BackfillProgress {
  mode: BackfillMode;
  phase: BackfillPhase;
  listed: Record<Side, number>;
  total: number;
  done: number;
  pages: number;
  pagesDone: number;
  counts: BackfillCounts;
  /** Dry runs only: differences per field, with a handful of samples each. */
  fieldDiffs: FieldDiffs;
  planHash: string | null;
  /** As of the last finished activity. */
  elapsedSeconds: number;
  /** Seconds until done at the rate so far; null until there is a rate to go by. */
  etaSeconds: number | null;
}

/** What one listing activity stored. */
export interface BackfillListResult {
  nextCursor: string | null;
  listed: number;
  /** When the activity finished, by the worker's clock (workflow code has none to read). */
  atMs: number;
}

/** What the pairing activity wrote into the work list. */
export interface BackfillPairResult {
  total: number;
  planHash: string;
  /** When the activity finished, by the worker's clock (workflow code has none to read). */
  atMs: number;
}

/** What one page activity did. */
export interface BackfillPageResult {
  done: number;
  counts: BackfillCounts;
  fieldDiffs: FieldDiffs;
  planHash: string;
  /** When the activity finished, by the worker's clock (workflow code has none to read). */
  atMs: number;
}

/** Samples kept per field in a dry run's report. */
export const SAMPLES_PER_FIELD = 5;

export function mergeFieldDiffs(into: FieldDiffs, from: FieldDiffs): void {
  for (const [field, diff] of Object.entries(from)) {
    const held = (into[field] ??= { count: 0, samples: [] });
    held.count += diff.count;
    for (const sample of diff.samples)
      if (held.samples.length < SAMPLES_PER_FIELD) held.samples.push(sample);
  }
}

export function addCounts(into: BackfillCounts, from: BackfillCounts): void {
  for (const key of Object.keys(into) as (keyof BackfillCounts)[]) into[key] += from[key];
}
