import { ConnectionConfig } from "./config";
import type { ConnectorOptions } from "./connector-options";
import type { Connector } from "./contract";
import { createConnector } from "./registry";

/** A stored connection with its secrets opened (`@tandem/db`'s `openConnection` returns one). */
export interface StoredConnection {
  id: string;
  workspaceId: string;
  kind: string;
  name: string;
  /** Settings and opened secrets, merged, with `kind`: the input of the kind's config schema. */
  config: Record<string, unknown>;
}

export type LoadConnection = (connectionId: string) => Promise<StoredConnection | null>;

/**
 * Why a stored connection did not become a connector. `missing`: no such connection in the
 * workspace; `misconfigured`: its config does not parse for its kind (`problem` says how);
 * `refused`: the kind's connector refused the parsed config (a private host), its
 * ConnectorError is the `cause`. Messages name the connection, never a secret; callers
 * translate the error to their transport.
 */
export class ConnectionOpenError extends Error {
  constructor(
    readonly reason: "missing" | "misconfigured" | "refused",
    readonly connectionId: string,
    /** The connection's name, when it was found. */
    readonly connectionName: string | null,
    message: string,
    options: { problem?: string; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "ConnectionOpenError";
    this.problem = options.problem ?? null;
  }

  /** What is wrong with the config (the first schema issue), for `misconfigured`. */
  readonly problem: string | null;
}

/**
 * Parses a stored connection's config for its kind and builds its connector, or throws
 * ConnectionOpenError (`misconfigured`, `refused`).
 */
export function connectorFromStoredConnection(
  connection: StoredConnection,
  options: ConnectorOptions,
): Connector {
  const parsed = ConnectionConfig.safeParse(connection.config);
  if (!parsed.success) {
    const problem = parsed.error.issues[0]?.message ?? "invalid";
    throw new ConnectionOpenError(
      "misconfigured",
      connection.id,
      connection.name,
      `connection "${connection.name}" is misconfigured: ${problem}`,
      { problem },
    );
  }
  try {
    return createConnector(parsed.data, options);
  } catch (error) {
    throw new ConnectionOpenError(
      "refused",
      connection.id,
      connection.name,
      `connection "${connection.name}" cannot be used: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
}

/**
 * Opens one of a workspace's stored connections into its connector: the one way a workflow
 * activity, the API and webhook management turn a connection id into a connector. A
 * connection of another workspace is `missing`, exactly like an unknown id.
 */
export async function openConnector(
  loadConnection: LoadConnection,
  target: { workspaceId: string; connectionId: string },
  options: ConnectorOptions,
): Promise<{ connector: Connector; connectionName: string }> {
  const connection = await loadConnection(target.connectionId);
  if (!connection || connection.workspaceId !== target.workspaceId) {
    throw new ConnectionOpenError(
      "missing",
      target.connectionId,
      null,
      `connection ${target.connectionId} does not exist in this workspace`,
    );
  }
  return {
    connector: connectorFromStoredConnection(connection, options),
    connectionName: connection.name,
  };
}
