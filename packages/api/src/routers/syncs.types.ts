import { z } from "zod";

export const WorkspaceOverview = z.object({
  workspace: z.object({ id: z.string(), name: z.string() }),
  syncs: z.array(
    z.object({
      id: z.string(),
      workspaceId: z.string(),
      name: z.string(),
      connectionAId: z.string(),
      connectionBId: z.string(),
      planVersion: z.string(),
      createdAt: z.date(),
    }),
  ),
  connections: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      name: z.string(),
      baseUrl: z.string().nullable(),
      simulatorUrl: z.string().nullable(),
    }),
  ),
  recentChanges: z.array(
    z.object({
      id: z.string(),
      workspaceId: z.string(),
      syncId: z.string(),
      linkId: z.string().nullable(),
      recordRef: z.string().nullable(),
      aId: z.string().nullable(),
      bId: z.string().nullable(),
      connectionId: z.string().nullable(),
      direction: z.string(),
      outcome: z.string(),
      field: z.string().nullable(),
      /** JSON; a sensitive field's value is masked (`masked`). */
      before: z.string().nullable(),
      after: z.string().nullable(),
      masked: z.boolean(),
      rule: z.string().nullable(),
      planVersion: z.string(),
      deliveryId: z.string().nullable(),
      webhookEventId: z.string().nullable(),
      workflowId: z.string(),
      runId: z.string(),
      stepId: z.string().nullable(),
      reviewItemId: z.string().nullable(),
      actor: z.string().nullable(),
      createdAt: z.date(),
    }),
  ),
  /** Inbox events per status. */
  inbox: z.record(z.string(), z.number()),
});

const SyncId = z.string().min(1).max(64);

export const ReconcileRunsInput = z.object({
  syncId: SyncId,
  limit: z.number().int().min(1).max(100).default(20),
});

const ReconcileSide = z.object({
  /** What the run listed from; null: it compared every record. */
  since: z.date().nullable(),
  /** change-listing | paged-comparison */
  mode: z.string().nullable(),
  listed: z.number().int(),
  /** Records that differed from their shadow (or had no link): queued for the executor. */
  drifted: z.number().int(),
  /** The listing's last error; with a finished run, this side queued nothing. */
  error: z.string().nullable(),
  attempts: z.number().int(),
  /** Where the next run lists from (before the overlap); null when this side was not read in full. */
  cursor: z.date().nullable(),
});

export const ReconcileRuns = z.array(
  z.object({
    id: z.string(),
    workflowId: z.string(),
    runId: z.string(),
    /** running | succeeded | partial (one side failed) | failed */
    status: z.string(),
    startedAt: z.date(),
    finishedAt: z.date().nullable(),
    a: ReconcileSide,
    b: ReconcileSide,
    enqueued: z.number().int(),
    /** Queued changes whose step wrote a repair. */
    repaired: z.number().int(),
    /** Queued changes per status (applied, suppressed, parked, failed, ignored, pending). */
    changes: z.record(z.string(), z.number().int()),
  }),
);

export const ReconcileConfigureInput = z.object({
  syncId: SyncId,
  /** Minutes between runs; null: the deployment's TANDEM_RECONCILE_INTERVAL_MINUTES. */
  intervalMinutes: z.number().int().min(1).max(1440).nullable().optional(),
  paused: z.boolean().optional(),
});

export const ReconcileScheduleState = z.object({
  scheduled: z.boolean(),
  intervalMinutes: z.number().int(),
});

export const ReconcileRef = z.object({ syncId: SyncId });
export const ReconcileTriggered = z.object({ triggered: z.boolean() });
