import { workspaceOverview } from "../syncs/workspace-overview";
import { createTRPCRouter, workspaceProcedure } from "../trpc";
import { WorkspaceOverview } from "./syncs.types";

export const syncsRouter = createTRPCRouter({
  /** The workspace at a glance: its syncs, connections, and the latest field changes. */
  overview: workspaceProcedure
    .output(WorkspaceOverview)
    .query(({ ctx }) => workspaceOverview(ctx.wdb, ctx.workspace)),
});
