import { initTRPC, TRPCError, type TRPC_ERROR_CODE_KEY } from "@trpc/server";
import superjson from "superjson";
import type { ApiContext } from "./context";
import { TandemError, type TandemErrorCode } from "./errors/tandem-error";

/** Each Tandem error code as tRPC says it (and so the HTTP status the client sees). */
const TRPC_CODES = {
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  INVALID_INPUT: "BAD_REQUEST",
  TOO_LARGE: "PAYLOAD_TOO_LARGE",
  PRECONDITION_FAILED: "PRECONDITION_FAILED",
  UNAVAILABLE: "SERVICE_UNAVAILABLE",
  FORBIDDEN: "FORBIDDEN",
  UNAUTHENTICATED: "UNAUTHORIZED",
  INTERNAL: "INTERNAL_SERVER_ERROR",
} as const satisfies Record<TandemErrorCode, TRPC_ERROR_CODE_KEY>;

const t = initTRPC.context<ApiContext>().create({
  transformer: superjson,
  // A refused mapping document carries its diagnostics, so the editor can point at the nodes.
  errorFormatter({ shape, error }) {
    const diagnostics =
      error.cause instanceof TandemError ? error.cause.details.diagnostics : undefined;
    return diagnostics ? { ...shape, data: { ...shape.data, diagnostics } } : shape;
  },
});

/**
 * Services throw `TandemError`, which knows no transport; this is the one place it becomes a
 * `TRPCError`, with the Tandem error as its cause (the formatter reads its details there).
 */
const tandemErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof TandemError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: TRPC_CODES[cause.code], message: cause.message, cause });
  }
  return result;
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(tandemErrors);

/**
 * A procedure that runs inside one workspace: the context gets the workspace and a database
 * client that adds its id to every query on workspace-owned data.
 */
export const workspaceProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const workspace = ctx.workspaceSlug
    ? await ctx.db.workspace.findUnique({ where: { slug: ctx.workspaceSlug } })
    : await ctx.db.workspace.findFirst({ orderBy: { createdAt: "asc" } });
  if (!workspace)
    throw new TandemError("NOT_FOUND", "no workspace: run the dev runner or create one");
  return next({ ctx: { ...ctx, workspace, wdb: ctx.scopedDb(workspace.id) } });
});
