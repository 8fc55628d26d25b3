import { z } from "zod";

export const BackfillModeInput = z.enum(["backfill", "dry-run"]);

export const BackfillStartInput = z.object({
  syncId: z.string().min(1).max(64),
  mode: BackfillModeInput.default("backfill"),
  /** Pairs per page activity (one transaction each). */
  pageSize: z.number().int().min(10).max(1_000).optional(),
  /** Page activities at once. */
  pagesAtOnce: z.number().int().min(1).max(8).optional(),
});

export const BackfillRef = z.object({
  syncId: z.string().min(1).max(64),
  mode: BackfillModeInput.default("backfill"),
});

export const BackfillStarted = z.object({
  workflowId: z.string(),
  runId: z.string(),
  /** False when one was already running: that run is the one to follow. */
  started: z.boolean(),
});

const Counts = z.object({
  linked: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  parked: z.number().int(),
  unmatched: z.number().int(),
  failed: z.number().int(),
});

const FieldDiff = z.object({
  count: z.number().int(),
  samples: z.array(
    z.object({
      aId: z.string().nullable(),
      bId: z.string().nullable(),
      before: z.unknown(),
      after: z.unknown(),
    }),
  ),
});

export const BackfillProgressOutput = z
  .object({
    workflowId: z.string(),
    /** Temporal's status of the run: RUNNING, COMPLETED, CANCELLED, FAILED, … */
    status: z.string(),
    progress: z
      .object({
        mode: BackfillModeInput,
        phase: z.enum(["listing", "pairing", "syncing", "done", "cancelled", "failed"]),
        listed: z.object({ a: z.number().int(), b: z.number().int() }),
        total: z.number().int(),
        done: z.number().int(),
        pages: z.number().int(),
        pagesDone: z.number().int(),
        counts: Counts,
        /** Dry runs: per written field ("a.<field>" / "b.<field>"), a count and a few samples. */
        fieldDiffs: z.record(z.string(), FieldDiff),
        planHash: z.string().nullable(),
        elapsedSeconds: z.number(),
        etaSeconds: z.number().nullable(),
      })
      .nullable(),
  })
  .nullable();

export const BackfillCancelled = z.object({ cancelled: z.boolean() });
