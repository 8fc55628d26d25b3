import { z } from "zod";
import { BodyTooLargeError, clientAddressOf, readBoundedBody } from "@tandem/api";
import { signIn, SIGN_IN_REFUSED } from "@tandem/api/auth";
import { crossOriginRefused, isCrossOrigin } from "~/server/same-origin";
import { safeNextPath } from "~/server/safe-next-path";
import { services } from "~/server/services";
import { isHttps, sessionCookie, sessionTokenOf } from "~/server/session-cookie";

export const dynamic = "force-dynamic";

const SignInBody = z.object({
  email: z.string().max(1_000),
  password: z.string().max(10_000),
  next: z.string().max(2_000).optional(),
});

const MAX_SIGN_IN_BYTES = 16 * 1024;

/** Signs in with email and password (JSON); on success sets the session cookie. */
export async function POST(request: Request) {
  const { db, env, signInLimits } = services();
  if (isCrossOrigin(request, env.TANDEM_PUBLIC_URL)) return crossOriginRefused();
  let body: z.infer<typeof SignInBody>;
  try {
    body = SignInBody.parse(JSON.parse(await readBoundedBody(request, MAX_SIGN_IN_BYTES)));
  } catch (error) {
    if (error instanceof BodyTooLargeError)
      return Response.json({ error: "request too large" }, { status: 413 });
    return Response.json({ error: SIGN_IN_REFUSED }, { status: 400 });
  }
  const result = await signIn(
    { db, limits: signInLimits },
    {
      email: body.email,
      password: body.password,
      clientAddress: clientAddressOf(request.headers),
      previousToken: sessionTokenOf(request.headers.get("cookie")),
    },
  );
  if (!result.ok && result.reason === "rate-limited")
    return Response.json(
      { error: result.message },
      { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } },
    );
  if (!result.ok) return Response.json({ error: result.message }, { status: 401 });
  return Response.json(
    { next: safeNextPath(body.next) },
    {
      headers: {
        "Set-Cookie": sessionCookie(
          result.token,
          result.session.absoluteExpiresAt,
          isHttps(request),
        ),
        "Cache-Control": "no-store",
      },
    },
  );
}
