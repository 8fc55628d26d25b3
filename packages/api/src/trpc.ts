import { initTRPC, TRPCError, type TRPC_ERROR_CODE_KEY } from "@trpc/server";
import superjson from "superjson";
import type { ApiContext } from "./context";
import { lookupSession } from "./auth/auth-service";
import { roleAllows, type Role } from "./auth/roles";
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

/** Signed in: the session, its workspace, a client scoped to it, and who acts (the audit's actor). */
const signedInProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const session = await lookupSession({ db: ctx.db }, ctx.sessionToken);
  if (!session) throw new TandemError("UNAUTHENTICATED", "sign in to continue");
  return next({
    ctx: {
      ...ctx,
      session,
      workspace: session.workspace,
      wdb: ctx.scopedDb(session.workspace.id),
      actor: session.user.email,
    },
  });
});

/** A procedure for members holding `role` or a stronger one in the session's workspace. */
function procedureFor(role: Role) {
  return signedInProcedure.use(({ ctx, next }) => {
    if (!roleAllows(ctx.session.role, role))
      throw new TandemError(
        "FORBIDDEN",
        `this needs the ${role} role in ${ctx.workspace.name}; you are ${ctx.session.role}`,
      );
    return next();
  });
}

/**
 * Every procedure names the role it needs. Reads: viewer. Changing what syncs (drafts, publish,
 * rollback) and acting on changes (review answers, replay, what-if): operator. Connections and
 * their webhooks: admin. No session: 401; a weaker role: 403.
 */
export const viewerProcedure = procedureFor("viewer");
export const operatorProcedure = procedureFor("operator");
export const adminProcedure = procedureFor("admin");
