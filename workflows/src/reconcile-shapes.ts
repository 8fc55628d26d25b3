// Names and shapes of the reconciliation workflow, shared by the workflow, its activities and
// the clients that schedule it and read its reports. Free of runtime imports, like shared.ts.
import type { Side } from "@tandem/sync-core";
import type { SyncRef } from "./shared";

export const RECONCILE_WORKFLOW = "reconcileWorkflow";

/** The SyncEvent kind (and deliveryId prefix) of the changes a reconciliation run queues. */
export const RECONCILE_CHANGE_KIND = "reconcile";
export const reconcileDeliveryId = (reconcileRunId: string) => `reconcile:${reconcileRunId}`;

/** How a side was read: the vendor's change listing since the cursor, or every record. */
export type ReconcileMode = "change-listing" | "paged-comparison";

export interface ReconcileInput extends SyncRef {
  /**
   * How far before the last cursor a run lists again (ms), so a change stamped just before the
   * previous run's start (vendor clocks, second-precision stamps) is never skipped.
   */
  overlapMs?: number;
  /** The listing activity's retries (a vendor error or a malformed page): backoff from this. */
  retry?: { initialIntervalMs?: number; maximumAttempts?: number };
}

export interface ReconcileBegun {
  reconcileRunId: string;
  /** Per side, what to list from (ISO 8601); null: compare every record. */
  since: Record<Side, string | null>;
}

/** What a side's listing found: records read in full, and those that differ from their shadow. */
export interface ReconcileSideListing {
  mode: ReconcileMode;
  listed: number;
  /**
   * This side's records whose changes are to be queued, with the hash of their plan fields
   * (remembered, so the same unchanged difference is not queued again by the next run).
   */
  drifted: { id: string; hash: string }[];
}

export type ReconcileSideOutcome = ({ ok: true } & ReconcileSideListing) | { ok: false };

export interface ReconcileReport {
  reconcileRunId: string;
  status: "succeeded" | "partial" | "failed";
  listed: Record<Side, number>;
  drifted: Record<Side, number>;
  enqueued: number;
}
