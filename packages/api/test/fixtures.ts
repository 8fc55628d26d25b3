// What the api's integration tests set up the same way: workspaces to keep apart, a signed-in
// member acting in one of them, and the tRPC error a refused call ends in.
import { TRPCError } from "@trpc/server";
import { guardUnscopedQueries, scopeToWorkspace, type Db, type Workspace } from "@tandem/db";
import { hashPassword, startSession, type Role } from "../src/auth";
import type { ApiContext, ConnectorAccess } from "../src/context";
import { createCaller } from "../src/root";

/** Two workspaces to keep apart, "north" then "south", each named "<slug> corp". */
export async function seedWorkspaces(db: Db): Promise<{ north: Workspace; south: Workspace }> {
  const create = (slug: string) => db.workspace.create({ data: { slug, name: `${slug} corp` } });
  const north = await create("north");
  return { north, south: await create("south") };
}

/** The password of every member the fixtures create. */
export const MEMBER_PASSWORD = "correct horse battery staple";
let memberPasswordHash: Promise<string> | null = null;

/**
 * The account `<role>@<slug>.test`, a member of the workspace `slug` with `role`, created once
 * per database (its one scrypt hash is shared by all of them, so fixtures stay fast).
 */
export async function seedMember(db: Db, slug: string, role: Role) {
  memberPasswordHash ??= hashPassword(MEMBER_PASSWORD);
  const workspace = await db.workspace.findUnique({ where: { slug } });
  if (!workspace) throw new Error(`no workspace "${slug}": seed it first`);
  const email = `${role}@${slug}.test`;
  const user = await db.user.upsert({
    where: { email },
    create: { email, passwordHash: await memberPasswordHash },
    update: {},
  });
  await db.membership.upsert({
    where: { userId_workspaceId: { userId: user.id, workspaceId: workspace.id } },
    create: { userId: user.id, workspaceId: workspace.id, role },
    update: { role },
  });
  return { user, workspace, email };
}

/** The context the app's tRPC route builds, for a caller presenting `sessionToken`. */
function contextFor(db: Db, sessionToken: string | null, connectorAccess?: ConnectorAccess) {
  return {
    db: guardUnscopedQueries(db),
    scopedDb: (workspaceId: string) => scopeToWorkspace(db, workspaceId),
    temporal: () => Promise.reject(new Error("Temporal is not part of this test")),
    sessionToken,
    ...(connectorAccess ? { connectorAccess } : {}),
  } satisfies ApiContext;
}

/**
 * A caller of the app's router signed in (through a real session) as the `role` member of the
 * workspace `slug`. Temporal is not part of these tests: asking for it fails.
 */
export function memberCaller(db: Db, slug: string, role: Role, connectorAccess?: ConnectorAccess) {
  let token: Promise<string> | null = null;
  return createCaller(async () => {
    token ??= seedMember(db, slug, role).then(async ({ user, workspace }) => {
      const started = await startSession({ db }, { userId: user.id, workspaceId: workspace.id });
      return started.token;
    });
    return contextFor(db, await token, connectorAccess);
  });
}

/** An admin of the workspace `slug`: may call every procedure there. */
export function callerFor(db: Db, slug: string, connectorAccess?: ConnectorAccess) {
  return memberCaller(db, slug, "admin", connectorAccess);
}

/** A caller presenting `sessionToken` as it is (none, a forged one, one that was signed out). */
export function callerWithToken(db: Db, sessionToken: string | null) {
  return createCaller(contextFor(db, sessionToken));
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
