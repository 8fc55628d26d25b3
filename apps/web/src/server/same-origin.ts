/**
 * The origins this app is served at, as the request itself names them: its URL, its Host (or a
 * proxy's X-Forwarded-Host) with the scheme it came in on, and the configured public URL. A
 * browser's cross-site form or fetch cannot set those headers.
 */
function ownOrigins(request: Request, publicUrl: string | undefined): Set<string> {
  const url = new URL(request.url);
  const origins = new Set([url.origin]);
  const host =
    request.headers.get("x-forwarded-host")?.split(",")[0]?.trim() ?? request.headers.get("host");
  const proto =
    request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() ?? url.protocol.slice(0, -1);
  if (host) origins.add(`${proto}://${host}`);
  if (publicUrl) origins.add(new URL(publicUrl).origin);
  return origins;
}

/**
 * Whether a browser sent this request from another origin: its Origin header names another one
 * (or "null", as sandboxed and privacy-redirected requests do), or, without Origin, Fetch
 * Metadata says it came from another site. A request with neither comes from no browser (curl,
 * a script), which carries no one's cookies by accident.
 */
export function isCrossOrigin(request: Request, publicUrl?: string): boolean {
  const origin = request.headers.get("origin");
  if (origin !== null) return !ownOrigins(request, publicUrl).has(origin);
  const site = request.headers.get("sec-fetch-site");
  return site === "cross-site" || site === "same-site";
}

/** The answer to a request refused by `isCrossOrigin`. */
export function crossOriginRefused(): Response {
  return Response.json(
    { error: "refused: this request came from another origin" },
    { status: 403 },
  );
}
