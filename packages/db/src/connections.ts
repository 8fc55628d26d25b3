import type { Db } from "./client";
import { openSecrets, sealSecrets } from "./sealed-secrets";

export interface NewConnection {
  workspaceId: string;
  kind: string;
  name: string;
  settings: Record<string, unknown>;
  secrets: Record<string, string>;
}

export async function createConnection(db: Db, secretKey: Buffer, input: NewConnection) {
  return db.connection.create({
    data: {
      workspaceId: input.workspaceId,
      kind: input.kind,
      name: input.name,
      settings: JSON.stringify(input.settings),
      secretsSealed: sealSecrets(secretKey, input.secrets),
    },
  });
}

export interface OpenedConnection {
  id: string;
  workspaceId: string;
  kind: string;
  name: string;
  /** Settings and opened secrets, merged: the input of a connector's config schema. */
  config: Record<string, unknown>;
}

/**
 * Loads a connection with its secrets opened. The id is the only key: webhook ingress knows
 * nothing else, and the connection's own workspace scopes everything after this.
 */
export async function openConnection(
  db: Db,
  secretKey: Buffer,
  connectionId: string,
): Promise<OpenedConnection | null> {
  const row = await db.connection.findUnique({ where: { id: connectionId } });
  if (!row) return null;
  const settings = JSON.parse(row.settings) as Record<string, unknown>;
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    kind: row.kind,
    name: row.name,
    config: { ...settings, ...openSecrets(secretKey, row.secretsSealed), kind: row.kind },
  };
}
