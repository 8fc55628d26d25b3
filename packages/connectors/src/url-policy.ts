import { BlockList, isIPv4, isIPv6 } from "node:net";
import { ConnectorError } from "./contract";

export interface UrlPolicyOptions {
  /** Allow loopback and private addresses; only the local simulators need this. */
  allowPrivateNetwork: boolean;
}

// IANA's IPv4 special-purpose registry, less the entries that are globally reachable, plus the
// metadata addresses clouds serve from public space. Checking an IPv4-mapped IPv6 address
// against this list with type "ipv6" judges the IPv4 address inside it.
const nonPublicIPv4 = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8], // "this network"
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // carrier-grade NAT (and Alibaba's metadata at 100.100.100.200)
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local, AWS/GCP/Azure metadata at 169.254.169.254
  ["172.16.0.0", 12],
  ["192.0.0.0", 24], // IETF protocol assignments (Oracle's metadata at 192.0.0.192)
  ["192.0.2.0", 24], // TEST-NET-1
  ["192.88.99.0", 24], // deprecated 6to4 relay anycast
  ["192.168.0.0", 16],
  ["198.18.0.0", 15], // benchmarking
  ["198.51.100.0", 24], // TEST-NET-2
  ["203.0.113.0", 24], // TEST-NET-3
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, and 255.255.255.255
  ["168.63.129.16", 32], // Azure's wire server, reachable only from inside Azure
] as const) {
  nonPublicIPv4.addSubnet(network, prefix, "ipv4");
}

const ipv4Mapped = new BlockList();
ipv4Mapped.addSubnet("::ffff:0:0", 96, "ipv6");

// IPv6 is judged by an allowlist: only global unicast (2000::/3) can be public. That leaves out
// ::, ::1, the deprecated IPv4-compatible ::/96, NAT64 64:ff9b::/96 and 64:ff9b:1::/48, discard
// 100::/64, SRv6 5f00::/16, unique-local fc00::/7 (AWS metadata at fd00:ec2::254), link-local
// fe80::/10, site-local fec0::/10 and multicast ff00::/8.
const globalUnicastIPv6 = new BlockList();
globalUnicastIPv6.addSubnet("2000::", 3, "ipv6");
// Special-purpose blocks inside 2000::/3.
const nonPublicIPv6 = new BlockList();
for (const [network, prefix] of [
  ["2001::", 23], // IETF protocol assignments: Teredo, benchmarking, ORCHID
  ["2001:db8::", 32], // documentation
  ["2002::", 16], // 6to4: embeds any IPv4 address, private ones included
  ["3fff::", 20], // documentation
] as const) {
  nonPublicIPv6.addSubnet(network, prefix, "ipv6");
}

/** True when `address` (an IP literal, without brackets) is a public unicast address. */
export function isPublicAddress(address: string): boolean {
  if (isIPv4(address)) return !nonPublicIPv4.check(address, "ipv4");
  if (!isIPv6(address)) return false;
  if (ipv4Mapped.check(address, "ipv6")) return !nonPublicIPv4.check(address, "ipv6");
  return globalUnicastIPv6.check(address, "ipv6") && !nonPublicIPv6.check(address, "ipv6");
}

function refuse(url: string, reason: string): never {
  throw new ConnectorError(`Base URL ${url} is not allowed: ${reason}`, "permanent");
}

/**
 * Guards against a connection config pointing the server at itself or its private network
 * (SSRF). This judges the literal host; a name is judged again when it is resolved, by
 * {@link createCheckedLookup}, which is the lookup the connection itself uses.
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
 * Refuses localhost and every non-public IP literal; `shown` names the target in the error
 * (without credentials). For hosts that do not come from an http(s) URL, e.g. a PostgreSQL
 * connection string. Names other than localhost pass here and are judged when resolved.
 */
export function assertPublicHost(hostname: string, shown: string): void {
  // A fully qualified name may end in dots: `localhost.` is localhost.
  const host = hostname
    .replace(/^\[(.*)\]$/, "$1")
    .replace(/\.+$/, "")
    .toLowerCase();
  if (host === "" || host === "localhost" || host.endsWith(".localhost")) {
    refuse(shown, "localhost is a private address");
  }
  if ((isIPv4(host) || isIPv6(host)) && !isPublicAddress(host)) {
    refuse(
      shown,
      "loopback, private, link-local and other special-purpose addresses are not allowed",
    );
  }
}

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Answers every address a host name has, like `dns.lookup(name, { all: true })`. */
export type HostResolver = (hostname: string) => Promise<ResolvedAddress[]>;

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | ResolvedAddress[],
  family?: number,
) => void;

/** The `lookup` option of `net.connect`, `http.request` and `tls.connect`. */
export type SocketLookup = (
  hostname: string,
  options: { family?: number | string; all?: boolean },
  callback: LookupCallback,
) => void;

/** The error a checked lookup fails with when a name resolves to a non-public address. */
export class NonPublicAddressError extends Error {
  readonly code = "ERR_NON_PUBLIC_ADDRESS";
  constructor(hostname: string, address: string) {
    super(`${hostname} resolves to ${address}, which is not a public address`);
    this.name = "NonPublicAddressError";
  }
}

/**
 * A socket lookup that resolves the name once, refuses it if any of its addresses is not
 * public (so a name that answers both a public and a private address cannot win a race), and
 * hands the socket exactly the addresses it checked: there is no second lookup to rebind.
 */
export function createCheckedLookup(
  resolve: HostResolver,
  options: UrlPolicyOptions,
): SocketLookup {
  return (hostname, lookupOptions, callback) => {
    resolve(hostname).then(
      (answers) => {
        const refused = options.allowPrivateNetwork
          ? undefined
          : answers.find((answer) => !isPublicAddress(answer.address));
        if (refused !== undefined) {
          callback(new NonPublicAddressError(hostname, refused.address), "");
          return;
        }
        const family = Number(lookupOptions.family ?? 0);
        const usable = answers.filter((answer) => family === 0 || answer.family === family);
        const first = usable[0];
        if (first === undefined) {
          const error: NodeJS.ErrnoException = new Error(`${hostname} has no usable address`);
          error.code = "ENOTFOUND";
          callback(error, "");
          return;
        }
        if (lookupOptions.all === true) callback(null, usable);
        else callback(null, first.address, first.family);
      },
      (error: unknown) => {
        callback(error instanceof Error ? error : new Error(String(error)), "");
      },
    );
  };
}
