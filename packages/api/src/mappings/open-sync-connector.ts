import { openConnector, type Connector } from "@tandem/connectors";
import { openConnection, type Db } from "@tandem/db";
import { connectionOpenFailure } from "../connections/connection-open-failure";
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
  // A connection whose secrets do not open under this key is as good as missing.
  const load = (id: string) => openConnection(db, access.secretKey, id).catch(() => null);
  try {
    const opened = await openConnector(
      load,
      { workspaceId, connectionId },
      { allowPrivateNetwork: access.allowPrivateNetwork },
    );
    return { ok: true, ...opened };
  } catch (error) {
    return { ok: false, reason: connectionOpenFailure(error) };
  }
}
