import {
  bindingOfConnectionRow,
  openSecrets,
  sealSecrets,
  type Db,
  type SecretKeys,
} from "@tandem/db";

/** A connection's settings and opened secrets, as one value to read and replace together. */
export interface ConnectionState {
  id: string;
  workspaceId: string;
  kind: string;
  name: string;
  settings: Record<string, unknown>;
  secrets: Record<string, string>;
}

export type ConnectionChange = Pick<ConnectionState, "settings" | "secrets">;

/** Concurrent writers retry against the fresh row; more rounds than this means a runaway loop. */
const MAX_ROUNDS = 20;

function stateOfRow(
  secretKey: SecretKeys,
  row: {
    id: string;
    workspaceId: string;
    kind: string;
    name: string;
    settings: string;
    secretsSealed: string;
  },
): ConnectionState {
  const binding = bindingOfConnectionRow(row);
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    kind: row.kind,
    name: row.name,
    settings: binding.settings,
    secrets: openSecrets(secretKey, row.secretsSealed, binding),
  };
}

export async function readConnectionState(
  db: Db,
  secretKey: SecretKeys,
  workspaceId: string,
  connectionId: string,
): Promise<ConnectionState | null> {
  const row = await db.connection.findFirst({ where: { id: connectionId, workspaceId } });
  return row ? stateOfRow(secretKey, row) : null;
}

/**
 * Replaces a connection's settings and secrets with what `change` makes of the current ones,
 * compare-and-set on the stored row: webhook ingress and an API call can race on the same
 * connection (a vendor's handshake can arrive before its registration call returns), and
 * neither may lose the other's write. `change` returns null to leave the row as it is, and
 * may run more than once.
 */
export async function updateConnectionState(
  db: Db,
  secretKey: SecretKeys,
  workspaceId: string,
  connectionId: string,
  change: (current: ConnectionState) => ConnectionChange | null,
): Promise<{ state: ConnectionState; changed: boolean } | null> {
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const row = await db.connection.findFirst({ where: { id: connectionId, workspaceId } });
    if (!row) return null;
    const current = stateOfRow(secretKey, row);
    const next = change(current);
    if (next === null) return { state: current, changed: false };
    const { count } = await db.connection.updateMany({
      where: {
        id: row.id,
        workspaceId,
        settings: row.settings,
        secretsSealed: row.secretsSealed,
      },
      data: {
        settings: JSON.stringify(next.settings),
        // Sealed for the new settings: a changed base URL is bound with the secrets.
        secretsSealed: sealSecrets(secretKey, next.secrets, {
          workspaceId: row.workspaceId,
          connectionId: row.id,
          kind: row.kind,
          settings: next.settings,
        }),
      },
    });
    if (count === 1) return { state: { ...current, ...next }, changed: true };
  }
  throw new Error(`connection ${connectionId} kept changing while it was being updated`);
}
