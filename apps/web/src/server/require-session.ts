import "server-only";
import { cookies } from "next/headers";
import { cache } from "react";
import { lookupSession, roleAllows, type Role, type SignedInSession } from "@tandem/api/auth";
import { sessionTokenOf, SESSION_COOKIE } from "./session-cookie";
import { services } from "./services";

export type SessionCheck =
  { ok: true; session: SignedInSession } | { ok: false; response: Response };

/**
 * For route handlers that act for a person (not vendor-facing ones): the signed-in session of
 * the request if its member holds `role` (or a stronger one) in the session's workspace;
 * otherwise the response to send, 401 without a live session, 403 with a weaker role.
 *
 *     const check = await requireSession(request, "operator");
 *     if (!check.ok) return check.response;
 *     check.session.workspace.id // the only workspace this request may touch
 *
 * A route that changes anything should also refuse other origins (`isCrossOrigin`).
 */
export async function requireSession(request: Request, role: Role): Promise<SessionCheck> {
  const session = await lookupSession(
    { db: services().db },
    sessionTokenOf(request.headers.get("cookie")),
  );
  if (!session)
    return {
      ok: false,
      response: Response.json({ error: "sign in to continue" }, { status: 401 }),
    };
  if (!roleAllows(session.role, role))
    return {
      ok: false,
      response: Response.json(
        { error: `this needs the ${role} role; you are ${session.role}` },
        { status: 403 },
      ),
    };
  return { ok: true, session };
}

/** The signed-in session of the page being rendered (server components), once per request. */
export const currentPageSession = cache(async (): Promise<SignedInSession | null> => {
  const token = (await cookies()).get(SESSION_COOKIE)?.value ?? null;
  return lookupSession({ db: services().db }, token);
});
