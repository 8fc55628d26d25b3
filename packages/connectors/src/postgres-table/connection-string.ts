import { Socket } from "node:net";
import { z } from "zod";
import { ConnectorError } from "../contract";
import { systemResolver } from "../outbound-request";
import {
  assertPublicHost,
  createCheckedLookup,
  type HostResolver,
  type UrlPolicyOptions,
} from "../url-policy";

/**
 * Query parameters a connection string may carry. Others are refused: `host`/`hostaddr` would
 * bypass the host check, and `sslcert`/`sslkey`/`sslrootcert` make the server read local files.
 */
const ALLOWED_PARAMETERS = new Set(["sslmode", "application_name", "connect_timeout"]);

/** `postgresql://user:password@host:5432/database?sslmode=require`; a secret as a whole. */
export const PostgresConnectionString = z
  .string()
  .regex(/^postgres(ql)?:\/\/\S+$/, "expected a postgresql://user:password@host/db URL");

function refuse(shown: string, reason: string): never {
  throw new ConnectorError(`Connection ${shown} is not allowed: ${reason}`, "permanent");
}

/**
 * The connection string's target without credentials, for messages. Everything after the
 * host is dropped: a misplaced password could sit in the path or query.
 */
export function describePostgresTarget(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    return `postgresql://${url.host || "(local socket)"}`;
  } catch {
    return "(unparseable connection string)";
  }
}

/**
 * Applies the base-URL policy to a connection string's host: loopback, private and link-local
 * addresses and local sockets are refused unless the deployment allows the private network.
 * Like the base-URL check it judges the literal host; a name is judged when it is resolved,
 * by the socket of {@link checkedPostgresSocket}.
 */
export function assertAllowedConnectionString(
  connectionString: string,
  options: UrlPolicyOptions,
): void {
  const shown = describePostgresTarget(connectionString);
  let url: URL;
  try {
    url = new URL(connectionString);
  } catch {
    refuse(shown, "not a postgresql:// URL");
  }
  if (url.protocol !== "postgres:" && url.protocol !== "postgresql:") {
    refuse(shown, "only postgres:// and postgresql:// URLs are supported");
  }
  for (const name of url.searchParams.keys()) {
    if (!ALLOWED_PARAMETERS.has(name)) {
      refuse(shown, `parameter ${JSON.stringify(name)} is not supported`);
    }
  }
  if (url.hostname.includes(",")) refuse(shown, "multiple hosts are not supported");
  if (options.allowPrivateNetwork) return;
  if (url.hostname === "") refuse(shown, "a local socket is a private address");
  // postgresql: is not a special scheme, so its host is opaque to the URL parser; re-parse it
  // as http to normalize hex, octal and integer IPv4 forms the resolver would accept.
  let normalized: string;
  try {
    normalized = new URL(`http://${url.hostname}`).hostname;
  } catch {
    refuse(shown, "the host is not a valid host name");
  }
  assertPublicHost(normalized, shown);
}

/**
 * pg's `stream` option: a socket whose connection resolves the host through the checked
 * lookup, so it reaches only the public address that was judged (TLS, if any, is layered on
 * this socket by pg). Used whenever the private network is not allowed.
 */
export function checkedPostgresSocket(resolve: HostResolver = systemResolver): () => Socket {
  const lookup = createCheckedLookup(resolve, { allowPrivateNetwork: false });
  return () => {
    const socket = new Socket();
    const connect = socket.connect.bind(socket);
    // pg calls `connect(port, host)`; a path (local socket) never gets here, it is refused.
    socket.connect = ((port: number, host: string) =>
      connect({ port, host, lookup })) as typeof socket.connect;
    return socket;
  };
}
