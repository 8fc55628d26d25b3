import { ConnectionConfig, createConnector, type Connector } from "@tandem/connectors";
import { openConnection, type Db } from "@tandem/db";
import type { ConnectorAccess } from "../context";

export type ConnectorOpening =
  { ok: true; connector: Connector; connectionName: string } | { ok: false; reason: string };

/**
 * A connector for one of the workspace's connections, for reading only. Secrets are opened
 * here and go nowhere but into the connector; reasons never contain them.
 */
export async function openWorkspaceConnector(
  db: Db,
  access: ConnectorAccess | undefined,
  workspaceId: string,
  connectionId: string,
): Promise<ConnectorOpening> {
  if (!access) return { ok: false, reason: "this server does not read from connected systems" };
  const connection = await openConnection(db, access.secretKey, connectionId).catch(() => null);
  if (!connection || connection.workspaceId !== workspaceId)
    return { ok: false, reason: `connection ${connectionId} cannot be opened` };
  const config = ConnectionConfig.safeParse(connection.config);
  if (!config.success)
    return { ok: false, reason: `connection "${connection.name}" is misconfigured` };
  try {
    return {
      ok: true,
      connector: createConnector(config.data, { allowPrivateNetwork: access.allowPrivateNetwork }),
      connectionName: connection.name,
    };
  } catch (error) {
    return {
      ok: false,
      reason: `connection "${connection.name}" cannot be used: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}
