import type { Connector } from "@tandem/connectors";
import type { Db, QueueTarget, SecretKeys } from "@tandem/db";
import { readConnectionState, type ConnectionState } from "../connections/connection-state";
import { webhookConnector } from "../connections/webhook-subscription";

/** What ingress needs of a connection: its state, its connector, and the syncs it feeds. */
export interface IngressConnection {
  state: ConnectionState;
  connector: Connector;
  targets: QueueTarget[];
}

export type IngressLookup =
  | { kind: "found"; connection: IngressConnection }
  | { kind: "unknown" }
  | { kind: "misconfigured"; reason: string };

async function load(
  db: Db,
  secretKey: SecretKeys,
  allowPrivateNetwork: boolean,
  connectionId: string,
): Promise<IngressLookup> {
  const owner = await db.connection.findUnique({
    where: { id: connectionId },
    select: { workspaceId: true },
  });
  const state = owner
    ? await readConnectionState(db, secretKey, owner.workspaceId, connectionId)
    : null;
  if (!state) return { kind: "unknown" };
  const opened = webhookConnector(state, allowPrivateNetwork);
  if (!opened.ok) return { kind: "misconfigured", reason: opened.reason };
  const syncs = await db.sync.findMany({
    where: {
      workspaceId: state.workspaceId,
      OR: [{ connectionAId: state.id }, { connectionBId: state.id }],
    },
    select: { id: true, connectionAId: true },
  });
  const targets = syncs.map((sync): QueueTarget => ({
    syncId: sync.id,
    side: sync.connectionAId === state.id ? "a" : "b",
  }));
  return { kind: "found", connection: { state, connector: opened.connector, targets } };
}

/**
 * Opened connections for ingress, kept for a few seconds: a burst of deliveries to one
 * connection then costs one read, one unsealing and one connector instead of one each. What
 * changes a connection (a handshake, new secrets, a new sync) is seen within `ttlMs`, and at
 * once where ingress itself made the change (`forget`) or a signature fails (read again).
 */
export function createIngressConnections(options: { ttlMs?: number; now?: () => number } = {}) {
  const ttlMs = options.ttlMs ?? 2_000;
  const now = options.now ?? Date.now;
  const cache = new Map<string, { at: number; lookup: Promise<IngressLookup> }>();
  return {
    lookup(
      deps: { db: Db; secretKey: SecretKeys; allowPrivateNetwork: boolean },
      connectionId: string,
      fresh = false,
    ): Promise<IngressLookup> {
      const cached = cache.get(connectionId);
      if (!fresh && cached && now() - cached.at < ttlMs) return cached.lookup;
      const lookup = load(deps.db, deps.secretKey, deps.allowPrivateNetwork, connectionId);
      cache.set(connectionId, { at: now(), lookup });
      // A failed read is not kept: the next delivery tries again.
      lookup.catch(() => cache.delete(connectionId));
      if (cache.size > 10_000) cache.delete(cache.keys().next().value ?? "");
      return lookup;
    },
    forget(connectionId: string) {
      cache.delete(connectionId);
    },
  };
}

export type IngressConnections = ReturnType<typeof createIngressConnections>;
