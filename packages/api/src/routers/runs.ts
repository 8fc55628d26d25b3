import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { workspacePrefix } from "@tandem/sync-core";
import { toRunEvent } from "../temporal/history";
import { createTRPCRouter, workspaceProcedure } from "../trpc";

const RunRef = z.object({
  workflowId: z.string().min(1).max(512),
  runId: z.string().max(64).optional(),
});

/** Workflow runs, read from Temporal itself: Tandem keeps no copy of workflow history. */
export const runsRouter = createTRPCRouter({
  list: workspaceProcedure
    .input(z.object({ limit: z.number().int().min(1).max(200).default(50) }).default({ limit: 50 }))
    .query(async ({ ctx, input }) => {
      const client = await ctx.temporal();
      const prefix = workspacePrefix(ctx.workspace.id);
      const runs = [];
      for await (const run of client.workflow.list({
        query: `WorkflowId STARTS_WITH "${prefix}"`,
        pageSize: input.limit,
      })) {
        runs.push({
          workflowId: run.workflowId,
          runId: run.runId,
          type: run.type,
          status: run.status.name,
          startTime: run.startTime,
          closeTime: run.closeTime ?? null,
          historyLength: run.historyLength,
        });
        if (runs.length >= input.limit) break;
      }
      return runs;
    }),

  history: workspaceProcedure.input(RunRef).query(async ({ ctx, input }) => {
    if (!input.workflowId.startsWith(workspacePrefix(ctx.workspace.id))) {
      throw new TRPCError({ code: "NOT_FOUND", message: "no such run in this workspace" });
    }
    const client = await ctx.temporal();
    const handle = client.workflow.getHandle(input.workflowId, input.runId);
    const [description, history] = await Promise.all([handle.describe(), handle.fetchHistory()]);
    return {
      workflowId: description.workflowId,
      runId: description.runId,
      type: description.type,
      status: description.status.name,
      startTime: description.startTime,
      closeTime: description.closeTime ?? null,
      events: (history.events ?? []).map(toRunEvent),
    };
  }),
});
