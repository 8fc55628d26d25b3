import { BlockList, isIPv4, isIPv6 } from "node:net";
import { ConnectorError } from "./contract";

export interface UrlPolicyOptions {
  /** Allow loopback and private addresses; only the local simulators need this. */
  allowPrivateNetwork: boolean;
}

// Two lists: Node's BlockList also matches IPv4 addresses against IPv4-mapped IPv6 rules.
const nonPublicIPv4 = new BlockList();
const nonPublicIPv6 = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.168.0.0", 16],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const) {
  nonPublicIPv4.addSubnet(network, prefix, "ipv4");
}
for (const [network, prefix] of [
  ["::", 127],
  // IPv4-mapped addresses would smuggle any IPv4 literal past the ipv4 rules.
  ["::ffff:0:0", 96],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const) {
  nonPublicIPv6.addSubnet(network, prefix, "ipv6");
}

function refuse(url: string, reason: string): never {
  throw new ConnectorError(`Base URL ${url} is not allowed: ${reason}`, "permanent");
}

/**
 * Guards against a connection config pointing the server at itself or its private network
 * (SSRF). It judges the literal host only: a public name that resolves to a private address
 * is not caught here, which is why requests also refuse to follow redirects.
 */
export function assertAllowedBaseUrl(url: string, options: UrlPolicyOptions): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    refuse(JSON.stringify(url), "not an absolute URL");
  }
  const shown = parsed.origin;
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    refuse(shown, "only http and https are supported");
  }
  if (parsed.username !== "" || parsed.password !== "") {
    refuse(shown, "credentials belong in the connection's secret fields, not in the URL");
  }
  if (options.allowPrivateNetwork) return parsed;
  // The URL parser has already normalized hex, octal and integer IPv4 forms to dotted quads.
  assertPublicHost(parsed.hostname, shown);
  return parsed;
}

/**
 * Refuses localhost, loopback, private and link-local hosts; `shown` names the target in the
 * error (without credentials). For hosts that do not come from an http(s) URL, e.g. a
 * PostgreSQL connection string.
 */
export function assertPublicHost(hostname: string, shown: string): void {
  const host = hostname.replace(/^\[(.*)\]$/, "$1").toLowerCase();
  if (host === "localhost" || host.endsWith(".localhost")) {
    refuse(shown, "localhost is a private address");
  }
  if (isIPv4(host) && nonPublicIPv4.check(host, "ipv4")) {
    refuse(shown, "loopback, private and link-local addresses are not allowed");
  }
  if (isIPv6(host) && nonPublicIPv6.check(host, "ipv6")) {
    refuse(shown, "loopback, private and link-local addresses are not allowed");
  }
}
