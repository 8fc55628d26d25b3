import { inheritDatabase } from "./direct-sql";
import type { Db } from "./client";

/** Models whose rows belong to a workspace. Every query on them must say which one. */
const SCOPED_MODELS = new Set([
  "Connection",
  "Sync",
  "WebhookEvent",
  "RecordLink",
  "AuditEntry",
  "Mapping",
  "MappingVersion",
  "SyncEvent",
  "ReviewItem",
  "BackfillRecord",
  "BackfillItem",
  "ChangeFeedCursor",
  "ReconcileRun",
  "ReconcileMark",
]);
const WHERE_OPERATIONS = new Set([
  "findFirst",
  "findFirstOrThrow",
  "findMany",
  "count",
  "aggregate",
  "groupBy",
  "updateMany",
  "deleteMany",
]);

/** Models whose rows are never changed or removed once written (a database trigger refuses too). */
const APPEND_ONLY_MODELS = new Set(["AuditEntry"]);
const REWRITING_OPERATIONS = new Set([
  "update",
  "updateMany",
  "updateManyAndReturn",
  "upsert",
  "delete",
  "deleteMany",
]);

export class AppendOnlyError extends Error {
  constructor(model: string, operation: string) {
    super(`${model} is append-only: ${operation} is refused`);
    this.name = "AppendOnlyError";
  }
}

function refuseRewrites(model: string, operation: string): void {
  if (APPEND_ONLY_MODELS.has(model) && REWRITING_OPERATIONS.has(operation))
    throw new AppendOnlyError(model, operation);
}

export class WorkspaceScopeError extends Error {
  constructor(model: string, operation: string) {
    super(`${model}.${operation} must be scoped to a workspace (where.workspaceId)`);
    this.name = "WorkspaceScopeError";
  }
}

/**
 * A client for one workspace: reads, bulk writes and creates on workspace-owned models get the
 * workspace id added, so a caller cannot forget it (cal.com guards its client the same way).
 */
export function scopeToWorkspace(db: Db, workspaceId: string) {
  return inheritDatabase(
    db,
    db.$extends({
      name: "workspace-scope",
      query: {
        $allModels: {
          $allOperations({ model, operation, args, query }) {
            refuseRewrites(model, operation);
            if (!SCOPED_MODELS.has(model)) return query(args);
            const scoped = { ...(args as Record<string, unknown>) };
            if (
              WHERE_OPERATIONS.has(operation) ||
              operation === "findUnique" ||
              operation === "findUniqueOrThrow" ||
              operation === "update" ||
              operation === "delete" ||
              operation === "upsert"
            ) {
              scoped.where = { ...(scoped.where as object | undefined), workspaceId };
            }
            if (operation === "create" || operation === "upsert") {
              const key = operation === "create" ? "data" : "create";
              scoped[key] = { ...(scoped[key] as object), workspaceId };
            }
            if (operation === "createMany") {
              const data = scoped.data as object | object[];
              scoped.data = Array.isArray(data)
                ? data.map((row: object) => ({ ...row, workspaceId }))
                : { ...data, workspaceId };
            }
            return query(scoped);
          },
        },
      },
    }),
  );
}

export type WorkspaceDb = ReturnType<typeof scopeToWorkspace>;

/**
 * Guards the unscoped client: a bulk read or write on a workspace-owned model without a
 * workspace id in its filter is refused instead of touching every tenant's rows, and so is any
 * update or delete of an append-only model.
 */
export function guardUnscopedQueries(db: Db): Db {
  return inheritDatabase(
    db,
    db.$extends({
      name: "workspace-guard",
      query: {
        $allModels: {
          $allOperations({ model, operation, args, query }) {
            refuseRewrites(model, operation);
            if (SCOPED_MODELS.has(model) && WHERE_OPERATIONS.has(operation)) {
              const where = (args as { where?: { workspaceId?: unknown } }).where;
              if (!where || where.workspaceId === undefined || where.workspaceId === null) {
                throw new WorkspaceScopeError(model, operation);
              }
            }
            return query(args);
          },
        },
      },
    }) as unknown as Db,
  );
}
