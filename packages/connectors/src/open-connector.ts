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
 * workspace; `misconfigured`: its config does not parse for its kind. Messages name the
 * connection and the first problem, never a secret; callers translate them to their transport.
 */
export class ConnectionOpenError extends Error {
  constructor(
    readonly reason: "missing" | "misconfigured",
    readonly connectionId: string,
    /** The connection's name, when it was found. */
    readonly connectionName: string | null,
    /** What is wrong with the config (the first zod issue), for `misconfigured`. */
    readonly problem: string | null,
    message: string,
  ) {
    super(message);
    this.name = "ConnectionOpenError";
  }
}

/**
 * Parses a stored connection's config for its kind and builds its connector. Throws
 * ConnectionOpenError (`misconfigured`) when the config does not parse; a connector's own
 * refusal of a parsed config (a private host) is its ConnectorError, unchanged.
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
      problem,
      `connection "${connection.name}" is misconfigured: ${problem}`,
    );
  }
  return createConnector(parsed.data, options);
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
      null,
      `connection ${target.connectionId} does not exist in this workspace`,
    );
  }
  return {
    connector: connectorFromStoredConnection(connection, options),
    connectionName: connection.name,
  };
}
