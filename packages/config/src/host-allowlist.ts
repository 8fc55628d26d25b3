/**
 * Which `Host` headers the app and the standalone ingress answer, against DNS rebinding: a page
 * on an attacker's name that re-resolves to 127.0.0.1 reaches the local server with its own
 * name in `Host`, and is refused. Pure: the values come from the validated environment.
 */

export interface HostAllowlistSettings {
  /** TANDEM_PUBLIC_URL */
  publicUrl: string;
  /** TANDEM_WEBHOOK_URL */
  webhookUrl?: string | undefined;
  /** TANDEM_ALLOWED_HOSTS, comma-separated `host` (any port) or `host:port` */
  allowedHosts: string;
}

export interface HostAllowlist {
  /** Whether a request whose `Host` header is this may be answered (a missing one may not). */
  admits(hostHeader: string | null | undefined): boolean;
  /** The admitted names, for messages and logs. */
  readonly entries: readonly string[];
}

interface Entry {
  hostname: string;
  /** `null`: any port. */
  port: string | null;
}

const LOOPBACK_NAMES = ["localhost", "127.0.0.1", "[::1]"];

/** `name[:port]` or `[v6][:port]` split, lower-cased, one trailing dot dropped; null if malformed. */
function splitHost(value: string): { hostname: string; port: string | null } | null {
  const text = value.trim().toLowerCase();
  const bracketed = /^(\[[0-9a-f:.]+\])(?::(\d{1,5}))?$/.exec(text);
  const named = /^([a-z0-9_-]+(?:\.[a-z0-9_-]+)*)\.?(?::(\d{1,5}))?$/.exec(text);
  const match = bracketed ?? named;
  if (!match?.[1]) return null;
  return { hostname: match[1], port: match[2] === undefined ? null : String(Number(match[2])) };
}

function urlEntry(url: string): Entry {
  const parsed = new URL(url);
  const port = parsed.port || (parsed.protocol === "https:" ? "443" : "80");
  return { hostname: parsed.hostname.toLowerCase().replace(/\.$/, ""), port };
}

/**
 * The public URL's and the webhook URL's host (with their port), every TANDEM_ALLOWED_HOSTS
 * entry, and, for a loopback URL, the other loopback names on the same port (so the dev stack
 * and the e2e stack answer `localhost:<port>` as well as `127.0.0.1:<port>`).
 */
export function createHostAllowlist(settings: HostAllowlistSettings): HostAllowlist {
  const entries: Entry[] = [urlEntry(settings.publicUrl)];
  if (settings.webhookUrl) entries.push(urlEntry(settings.webhookUrl));
  for (const item of settings.allowedHosts.split(",")) {
    if (item.trim() === "") continue;
    const split = splitHost(item);
    if (!split)
      throw new Error(`TANDEM_ALLOWED_HOSTS: "${item.trim()}" is not a host or host:port`);
    entries.push(split);
  }
  for (const entry of [...entries])
    if (LOOPBACK_NAMES.includes(entry.hostname))
      for (const hostname of LOOPBACK_NAMES) entries.push({ hostname, port: entry.port });

  const admits = (hostHeader: string | null | undefined) => {
    if (!hostHeader) return false;
    const split = splitHost(hostHeader);
    if (!split) return false;
    return entries.some(
      (entry) =>
        entry.hostname === split.hostname &&
        (entry.port === null ||
          entry.port === split.port ||
          // No port in Host: the scheme's default port.
          (split.port === null && (entry.port === "80" || entry.port === "443"))),
    );
  };
  const names = [
    ...new Set(
      entries.map((entry) => (entry.port ? `${entry.hostname}:${entry.port}` : entry.hostname)),
    ),
  ];
  return { admits, entries: names };
}

/** The answer to a refused `Host`: 421 Misdirected Request, which says "not this server". */
export const MISDIRECTED_REQUEST = {
  status: 421,
  body: { error: "misdirected request: this server does not answer for that host" },
} as const;
