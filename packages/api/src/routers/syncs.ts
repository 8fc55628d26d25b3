import {
  configureSyncReconcile,
  listReconcileRuns,
  reconcileScheduleDeps as scheduleDeps,
  reconcileSyncNow,
} from "../syncs/reconcile-runs";
import { workspaceOverview } from "../syncs/workspace-overview";
import { createTRPCRouter, operatorProcedure, viewerProcedure } from "../trpc";
import {
  ReconcileConfigureInput,
  ReconcileRef,
  ReconcileRuns,
  ReconcileRunsInput,
  ReconcileScheduleState,
  ReconcileTriggered,
  WorkspaceOverview,
} from "./syncs.types";

export const syncsRouter = createTRPCRouter({
  /** The workspace at a glance: its syncs, connections, and the latest field changes. */
  overview: viewerProcedure
    .output(WorkspaceOverview)
    .query(({ ctx }) => workspaceOverview(ctx.wdb, ctx.workspace)),
  /** A sync's latest reconciliation runs: what each listed, found and repaired. */
  reconcileRuns: viewerProcedure
    .input(ReconcileRunsInput)
    .output(ReconcileRuns)
    .query(({ ctx, input }) => listReconcileRuns(ctx.wdb, input)),
  /** Sets a sync's reconciliation interval or pauses it; the schedule follows. */
  configureReconcile: operatorProcedure
    .input(ReconcileConfigureInput)
    .output(ReconcileScheduleState)
    .mutation(({ ctx, input }) => configureSyncReconcile(ctx.wdb, scheduleDeps(ctx), input)),
  /** Runs a sync's reconciliation now (skipped while a run is in progress). */
  reconcileNow: operatorProcedure
    .input(ReconcileRef)
    .output(ReconcileTriggered)
    .mutation(({ ctx, input }) => reconcileSyncNow(ctx.wdb, scheduleDeps(ctx), input.syncId)),
});
