import { readBoundedBody } from "@tandem/api";
import { signOut, signOutEverywhere } from "@tandem/api/auth";
import { crossOriginRefused, isCrossOrigin } from "~/server/same-origin";
import { services } from "~/server/services";
import { clearedSessionCookie, isHttps, sessionTokenOf } from "~/server/session-cookie";

export const dynamic = "force-dynamic";

/**
 * Signs out (a form POST from the header): this session, or with `scope=everywhere` every
 * session of the signed-in user. Then back to the sign-in page.
 */
export async function POST(request: Request) {
  const { db, env } = services();
  if (isCrossOrigin(request, env.TANDEM_PUBLIC_URL)) return crossOriginRefused();
  const token = sessionTokenOf(request.headers.get("cookie"));
  const form = new URLSearchParams(await readBoundedBody(request, 4096).catch(() => ""));
  if (form.get("scope") === "everywhere") await signOutEverywhere({ db }, token);
  else await signOut({ db }, token);
  return new Response(null, {
    status: 303,
    headers: {
      Location: "/sign-in",
      "Set-Cookie": clearedSessionCookie(isHttps(request)),
      "Cache-Control": "no-store",
    },
  });
}
