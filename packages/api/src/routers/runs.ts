import { listWorkspaceRuns, workspaceRunHistory } from "../temporal/workflow-runs";
import { createTRPCRouter, viewerProcedure } from "../trpc";
import { RunHistory, RunList, RunListInput, RunRef } from "./runs.types";

/** Workflow runs, read from Temporal itself: Tandem keeps no copy of workflow history. */
export const runsRouter = createTRPCRouter({
  list: viewerProcedure
    .input(RunListInput)
    .output(RunList)
    .query(({ ctx, input }) => listWorkspaceRuns(ctx.temporal, ctx.workspace.id, input.limit)),

  history: viewerProcedure
    .input(RunRef)
    .output(RunHistory)
    .query(({ ctx, input }) => workspaceRunHistory(ctx.temporal, ctx.workspace.id, input)),
});
