/** The cookie that carries the session token. httpOnly: page scripts never see it. */
export const SESSION_COOKIE = "tandem_session";

/** Whether the browser reached the app over https (directly, or through a proxy that says so). */
export function isHttps(request: Request): boolean {
  if (new URL(request.url).protocol === "https:") return true;
  const forwarded = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim();
  return forwarded === "https";
}

/** The session token a request carries, or null. */
export function sessionTokenOf(cookieHeader: string | null): string | null {
  for (const part of (cookieHeader ?? "").split(";")) {
    const [name, ...value] = part.trim().split("=");
    if (name === SESSION_COOKIE) return value.join("=") || null;
  }
  return null;
}

function cookie(value: string, maxAgeSeconds: number, secure: boolean): string {
  return [
    `${SESSION_COOKIE}=${value}`,
    "Path=/",
    "HttpOnly",
    // Lax: sent on a top-level navigation from elsewhere (a link to the app), never with another
    // site's form POST or fetch.
    "SameSite=Lax",
    `Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}`,
    ...(secure ? ["Secure"] : []),
  ].join("; ");
}

/** Set-Cookie for a new session, kept by the browser until the session's absolute expiry. */
export function sessionCookie(
  token: string,
  absoluteExpiresAt: Date,
  secure: boolean,
  now: Date = new Date(),
): string {
  return cookie(token, (absoluteExpiresAt.getTime() - now.getTime()) / 1000, secure);
}

/** Set-Cookie that removes the session cookie. */
export function clearedSessionCookie(secure: boolean): string {
  return cookie("", 0, secure);
}
