// What the api's integration tests set up the same way: workspaces to keep apart, a caller
// acting in one of them, and the tRPC error a refused call ends in.
import { TRPCError } from "@trpc/server";
import { guardUnscopedQueries, scopeToWorkspace, type Db, type Workspace } from "@tandem/db";
import type { ConnectorAccess } from "../src/context";
import { createCaller } from "../src/root";

/** Two workspaces to keep apart, "north" then "south", each named "<slug> corp". */
export async function seedWorkspaces(db: Db): Promise<{ north: Workspace; south: Workspace }> {
  const create = (slug: string) => db.workspace.create({ data: { slug, name: `${slug} corp` } });
  const north = await create("north");
  return { north, south: await create("south") };
}

/**
 * A caller of the app's router acting in the workspace `slug`, with the database clients the
 * app's route builds. Temporal is not part of these tests: asking for it fails.
 */
export function callerFor(db: Db, slug: string, connectorAccess?: ConnectorAccess) {
  return createCaller({
    db: guardUnscopedQueries(db),
    scopedDb: (workspaceId) => scopeToWorkspace(db, workspaceId),
    temporal: () => Promise.reject(new Error("Temporal is not part of this test")),
    workspaceSlug: slug,
    ...(connectorAccess ? { connectorAccess } : {}),
  });
}

/** The error a call is refused with; fails the test if it succeeds or throws anything else. */
export async function rejection(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  if (!(error instanceof TRPCError)) throw new Error(`expected a TRPCError, got ${String(error)}`);
  return error;
}
