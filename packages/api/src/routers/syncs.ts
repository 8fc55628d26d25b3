import { workspaceOverview } from "../syncs/workspace-overview";
import { createTRPCRouter, viewerProcedure } from "../trpc";
import { WorkspaceOverview } from "./syncs.types";

export const syncsRouter = createTRPCRouter({
  /** The workspace at a glance: its syncs, connections, and the latest field changes. */
  overview: viewerProcedure
    .output(WorkspaceOverview)
    .query(({ ctx }) => workspaceOverview(ctx.wdb, ctx.workspace)),
});
