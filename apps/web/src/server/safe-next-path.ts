/**
 * Where to go after signing in: a path of this app, never another site (an open redirect would
 * let a link to our sign-in page forward the person elsewhere once they trust it).
 */
export function safeNextPath(raw: string | null | undefined): string {
  if (!raw || !raw.startsWith("/") || raw.startsWith("//") || raw.includes("\\")) return "/";
  if (raw.startsWith("/sign-in") || raw.startsWith("/api/")) return "/";
  return raw;
}
