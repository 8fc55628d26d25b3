import {
  cancelSyncBackfill,
  startSyncBackfill,
  syncBackfillProgress,
} from "../syncs/backfill-runs";
import { createTRPCRouter, operatorProcedure, viewerProcedure } from "../trpc";
import {
  BackfillCancelled,
  BackfillProgressOutput,
  BackfillRef,
  BackfillStartInput,
  BackfillStarted,
} from "./backfills.types";

/** A sync's backfill (pair both systems, link, sync what differs) and its dry run. */
export const backfillsRouter = createTRPCRouter({
  start: operatorProcedure
    .input(BackfillStartInput)
    .output(BackfillStarted)
    .mutation(({ ctx, input }) =>
      startSyncBackfill(ctx.wdb, ctx.temporal, ctx.workspace.id, {
        ...input,
        ...(ctx.taskQueue ? { taskQueue: ctx.taskQueue } : {}),
      }),
    ),
  progress: viewerProcedure
    .input(BackfillRef)
    .output(BackfillProgressOutput)
    .query(({ ctx, input }) =>
      syncBackfillProgress(ctx.wdb, ctx.temporal, ctx.workspace.id, input),
    ),
  cancel: operatorProcedure
    .input(BackfillRef)
    .output(BackfillCancelled)
    .mutation(({ ctx, input }) =>
      cancelSyncBackfill(ctx.wdb, ctx.temporal, ctx.workspace.id, input),
    ),
});
