import type { Db, Workspace } from "@tandem/db";
import { looksLikeEmail, normalizeEmail } from "./email";
import {
  hashPassword,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  needsRehash,
  verifyAgainstDummyHash,
  verifyPassword,
} from "./password-hash";
import { parseRole, type Role } from "./roles";
import {
  isSessionLive,
  SESSION_POLICY,
  startingTimes,
  touchedTimes,
  type SessionPolicy,
} from "./session-policy";
import { newSessionToken, sessionIdOf } from "./session-token";
import type { SignInRateLimits } from "./sign-in-rate-limits";

/** The one answer to a refused sign-in, whichever part was wrong. */
export const SIGN_IN_REFUSED = "That email and password do not match an account.";

/** Who is calling, as the tRPC context and the web app's routes see a signed-in session. */
export interface SignedInSession {
  /** The session's database id (the token's hash), never the token. */
  sessionId: string;
  user: { id: string; email: string };
  workspace: Workspace;
  role: Role;
  absoluteExpiresAt: Date;
}

export interface AuthDeps {
  db: Db;
  now?: () => Date;
  policy?: SessionPolicy;
}

export interface SignInRequest {
  email: string;
  password: string;
  /** The client's address, for the per-address rate limit. */
  clientAddress: string;
  /** The token the browser already sent, if any: that session ends, so a planted one cannot be carried into this sign-in. */
  previousToken?: string | null;
}

export type SignInResult =
  | { ok: true; token: string; session: SignedInSession }
  | { ok: false; reason: "refused"; message: string }
  | { ok: false; reason: "rate-limited"; message: string; retryAfterSeconds: number };

const clock = (deps: AuthDeps) => (deps.now ?? (() => new Date()))();

/**
 * Signs a user in with email and password. Every attempt counts against the rate limits first;
 * an unknown email costs the same scrypt verification as a known one (against a dummy hash); a
 * wrong password, an unknown email and an account without a workspace all get `SIGN_IN_REFUSED`.
 * On success the browser's previous session (if any) ends and a new token is issued.
 */
export async function signIn(
  deps: AuthDeps & { limits: SignInRateLimits },
  request: SignInRequest,
): Promise<SignInResult> {
  const email = normalizeEmail(request.email);
  const decision = deps.limits.admit(email, request.clientAddress);
  if (!decision.allowed)
    return {
      ok: false,
      reason: "rate-limited",
      message: `Too many sign-in attempts. Try again in ${decision.retryAfterSeconds} s.`,
      retryAfterSeconds: decision.retryAfterSeconds,
    };
  const refused = { ok: false, reason: "refused", message: SIGN_IN_REFUSED } as const;
  const password = request.password.slice(0, MAX_PASSWORD_LENGTH + 1);
  const user = looksLikeEmail(email) ? await deps.db.user.findUnique({ where: { email } }) : null;
  const matches =
    user && password.length <= MAX_PASSWORD_LENGTH
      ? await verifyPassword(password, user.passwordHash)
      : await verifyAgainstDummyHash(password);
  if (!user || !matches) return refused;

  const membership = await deps.db.membership.findFirst({
    where: { userId: user.id },
    orderBy: { createdAt: "asc" },
    include: { workspace: true },
  });
  const role = membership ? parseRole(membership.role) : null;
  if (!membership || !role) return refused;

  if (needsRehash(user.passwordHash))
    await deps.db.user.update({
      where: { id: user.id },
      data: { passwordHash: await hashPassword(password) },
    });
  const started = await startSession(deps, {
    userId: user.id,
    workspaceId: membership.workspaceId,
    previousToken: request.previousToken,
  });
  return {
    ok: true,
    token: started.token,
    session: {
      sessionId: started.sessionId,
      user: { id: user.id, email: user.email },
      workspace: membership.workspace,
      role,
      absoluteExpiresAt: started.absoluteExpiresAt,
    },
  };
}

/**
 * Issues a new session token for a user in a workspace (after their password was checked). The
 * browser's previous session, if it sent one, ends: a token planted before sign-in (session
 * fixation) is never the one that gets signed in. The user's sessions that are already over are
 * cleared on the way.
 */
export async function startSession(
  deps: AuthDeps,
  input: { userId: string; workspaceId: string; previousToken?: string | null | undefined },
): Promise<{ token: string; sessionId: string; absoluteExpiresAt: Date }> {
  const now = clock(deps);
  const previousId = input.previousToken ? sessionIdOf(input.previousToken) : null;
  await deps.db.session.deleteMany({
    where: {
      OR: [
        ...(previousId ? [{ id: previousId }] : []),
        { userId: input.userId, idleExpiresAt: { lte: now } },
        { userId: input.userId, absoluteExpiresAt: { lte: now } },
      ],
    },
  });
  const token = newSessionToken();
  const sessionId = sessionIdOf(token);
  if (!sessionId) throw new Error("a new session token does not have the token format");
  const times = startingTimes(now, deps.policy ?? SESSION_POLICY);
  await deps.db.session.create({
    data: {
      id: sessionId,
      userId: input.userId,
      workspaceId: input.workspaceId,
      createdAt: now,
      ...times,
    },
  });
  return { token, sessionId, absoluteExpiresAt: times.absoluteExpiresAt };
}

/**
 * The session a token names, if it is live and its user is still a member of its workspace
 * (the role is read on every call, so a changed or revoked membership takes effect at once).
 * An expired session is deleted.
 */
export async function lookupSession(
  deps: AuthDeps,
  token: string | null | undefined,
): Promise<SignedInSession | null> {
  const sessionId = token ? sessionIdOf(token) : null;
  if (!sessionId) return null;
  const session = await deps.db.session.findUnique({
    where: { id: sessionId },
    include: { user: true, workspace: true },
  });
  if (!session) return null;
  const now = clock(deps);
  if (!isSessionLive(session, now)) {
    await deps.db.session.deleteMany({ where: { id: sessionId } });
    return null;
  }
  const membership = await deps.db.membership.findUnique({
    where: { userId_workspaceId: { userId: session.userId, workspaceId: session.workspaceId } },
  });
  const role = membership ? parseRole(membership.role) : null;
  if (!role) return null;
  const touched = touchedTimes(session, now, deps.policy ?? SESSION_POLICY);
  if (touched) await deps.db.session.updateMany({ where: { id: sessionId }, data: touched });
  return {
    sessionId,
    user: { id: session.user.id, email: session.user.email },
    workspace: session.workspace,
    role,
    absoluteExpiresAt: session.absoluteExpiresAt,
  };
}

/** Ends the session a token names (nothing happens for an unknown token). */
export async function signOut(deps: AuthDeps, token: string | null | undefined): Promise<void> {
  const sessionId = token ? sessionIdOf(token) : null;
  if (sessionId) await deps.db.session.deleteMany({ where: { id: sessionId } });
}

/** Ends every session of the user whose session the token names; returns how many ended. */
export async function signOutEverywhere(
  deps: AuthDeps,
  token: string | null | undefined,
): Promise<number> {
  const sessionId = token ? sessionIdOf(token) : null;
  if (!sessionId) return 0;
  const session = await deps.db.session.findUnique({ where: { id: sessionId } });
  if (!session) return 0;
  const { count } = await deps.db.session.deleteMany({ where: { userId: session.userId } });
  return count;
}

export class AccountError extends Error {
  override readonly name = "AccountError";
}

/** Checks a new password against the length policy; the message says what is expected. */
export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH)
    return `a password needs at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > MAX_PASSWORD_LENGTH)
    return `a password may have at most ${MAX_PASSWORD_LENGTH} characters`;
  return null;
}

/**
 * Creates the account or, when it exists, sets its password; then gives it `role` in the
 * workspace. Idempotent: the first-admin command and the demo seed call it on every run.
 */
export async function upsertMember(
  db: Db,
  input: { email: string; password: string; workspaceId: string; role: Role },
): Promise<{ userId: string; created: boolean }> {
  const email = normalizeEmail(input.email);
  if (!looksLikeEmail(email)) throw new AccountError(`"${input.email}" is not an email address`);
  const problem = passwordProblem(input.password);
  if (problem) throw new AccountError(problem);
  const existing = await db.user.findUnique({ where: { email } });
  const unchanged = existing ? await verifyPassword(input.password, existing.passwordHash) : false;
  let user = existing;
  if (!user) {
    user = await db.user.create({
      data: { email, passwordHash: await hashPassword(input.password) },
    });
  } else if (!unchanged) {
    // A new password ends every session signed in with the old one.
    const passwordHash = await hashPassword(input.password);
    [user] = await db.$transaction([
      db.user.update({ where: { id: user.id }, data: { passwordHash } }),
      db.session.deleteMany({ where: { userId: user.id } }),
    ]);
  }
  await db.membership.upsert({
    where: { userId_workspaceId: { userId: user.id, workspaceId: input.workspaceId } },
    create: { userId: user.id, workspaceId: input.workspaceId, role: input.role },
    update: { role: input.role },
  });
  return { userId: user.id, created: !existing };
}
