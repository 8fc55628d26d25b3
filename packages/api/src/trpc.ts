import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import type { ApiContext } from "./context";
import { MappingDiagnosticsError } from "./mappings/diagnostics-error";

const t = initTRPC.context<ApiContext>().create({
  transformer: superjson,
  // A refused mapping document carries its diagnostics, so the editor can point at the nodes.
  errorFormatter({ shape, error }) {
    return error.cause instanceof MappingDiagnosticsError
      ? { ...shape, data: { ...shape.data, diagnostics: error.cause.diagnostics } }
      : shape;
  },
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure;

/**
 * A procedure that runs inside one workspace: the context gets the workspace and a database
 * client that adds its id to every query on workspace-owned data.
 */
export const workspaceProcedure = t.procedure.use(async ({ ctx, next }) => {
  const workspace = ctx.workspaceSlug
    ? await ctx.db.workspace.findUnique({ where: { slug: ctx.workspaceSlug } })
    : await ctx.db.workspace.findFirst({ orderBy: { createdAt: "asc" } });
  if (!workspace)
    throw new TRPCError({
      code: "NOT_FOUND",
      message: "no workspace: run the dev runner or create one",
    });
  return next({ ctx: { ...ctx, workspace, wdb: ctx.scopedDb(workspace.id) } });
});
