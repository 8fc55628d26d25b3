import type { Direction, EvaluationResult, SyncPlan } from "@tandem/mapping";

/** One record through one direction of a plan, in a pool thread. */
export interface EvaluationTask {
  /** Names the plan (its hash): a thread compiles each plan once. */
  planKey: string;
  plan: SyncPlan;
  direction: Direction;
  record: unknown;
}

export type ToWorker = { id: number; task: EvaluationTask };

export type FromWorker =
  | { kind: "ready" }
  | { kind: "done"; id: number; result: EvaluationResult }
  | { kind: "failed"; id: number; message: string };
