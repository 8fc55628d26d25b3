// Names and shapes shared by the workflow, its activities and the clients that signal it.
// Kept free of runtime imports so the workflow bundle and the web app can both use it.
import type { Side } from "@tandem/sync-core";

export const TASK_QUEUE = "tandem-sync";
export const RECORD_SYNC_WORKFLOW = "recordSyncWorkflow";
export const RECORD_CHANGE_SIGNAL = "recordChange";

/** One verified change event, as the inbox stored it, on its way to its record's workflow. */
export interface RecordChange {
  workspaceId: string;
  syncId: string;
  /** The connection the event arrived on: its inbox row is (connectionId, deliveryId). */
  connectionId: string;
  side: Side;
  externalId: string;
  deliveryId: string;
  /** ISO 8601: when the vendor says the change happened. */
  changedAt: string;
}

export interface RecordSyncInput {
  /** Changes carried over from the previous run (continue-as-new) or the start signal. */
  pending: RecordChange[];
  /** How long the workflow waits for the next change before it completes. */
  idleTimeout?: string;
}

export type SyncStepOutcome = "written" | "in-sync" | "suppressed" | "source-missing" | "failed";

export interface SyncStepResult {
  outcome: SyncStepOutcome;
  linkId: string | null;
  /** Fields written, per side. */
  wrote: { A: string[]; B: string[] };
  reason?: string;
}
