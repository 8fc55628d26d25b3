import { randomUUID } from "node:crypto";
import type { Db } from "./client";
import {
  bindingOfConnectionRow,
  openSecrets,
  sealSecrets,
  type SecretKeys,
} from "./sealed-secrets";

export interface NewConnection {
  workspaceId: string;
  kind: string;
  name: string;
  settings: Record<string, unknown>;
  secrets: Record<string, string>;
}

/** Creates a connection with its secrets sealed and bound to it (so its id is chosen here). */
export async function createConnection(db: Db, secretKey: SecretKeys, input: NewConnection) {
  const id = randomUUID();
  return db.connection.create({
    data: {
      id,
      workspaceId: input.workspaceId,
      kind: input.kind,
      name: input.name,
      settings: JSON.stringify(input.settings),
      secretsSealed: sealSecrets(secretKey, input.secrets, {
        workspaceId: input.workspaceId,
        connectionId: id,
        kind: input.kind,
        settings: input.settings,
      }),
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
  secretKey: SecretKeys,
  connectionId: string,
): Promise<OpenedConnection | null> {
  const row = await db.connection.findUnique({ where: { id: connectionId } });
  if (!row) return null;
  const binding = bindingOfConnectionRow(row);
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    kind: row.kind,
    name: row.name,
    config: {
      ...binding.settings,
      ...openSecrets(secretKey, row.secretsSealed, binding),
      kind: row.kind,
    },
  };
}
