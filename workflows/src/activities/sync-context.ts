import {
  ConnectionOpenError,
  openConnector,
  type Connector,
  type SyncEntity,
} from "@tandem/connectors";
import { openConnection, type Db, type SecretKeys } from "@tandem/db";
import {
  prepareSyncPlan,
  type PerSide,
  type PreparedSyncPlan,
  type SyncPlan,
} from "@tandem/sync-core";
import type { SyncRef } from "../shared";
import type { ListingSnapshots } from "./listing-snapshot";

export interface SyncContextDeps {
  db: Db;
  secretKey: SecretKeys;
  /** Lets connectors reach loopback and private addresses (the local simulators). */
  allowPrivateNetwork: boolean;
}

/** Why a sync cannot run right now; its changes stay queued until it can. */
export class SyncNotRunnable extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SyncNotRunnable";
  }
}

export interface SyncContext {
  ref: SyncRef;
  plan: PreparedSyncPlan;
  entities: PerSide<SyncEntity>;
  connectionIds: PerSide<string>;
  /** Seals the audit values of sensitive fields. */
  secretKey: SecretKeys;
  /** A drain's listings of sides without search, shared by its steps (absent elsewhere). */
  listings?: ListingSnapshots;
}

/**
 * Loads what a drain needs, reusing what did not change: compiled plans are kept per hash
 * (published versions are immutable), connectors per connection and its `updatedAt`, so pools
 * and rate-limit state live across drains instead of being rebuilt per step.
 */
export function createSyncContextLoader(deps: SyncContextDeps) {
  const plans = new Map<string, PreparedSyncPlan>();
  const connectors = new Map<string, { stamp: number; connector: Connector }>();

  async function connectorFor(
    ref: SyncRef,
    connectionId: string,
    updatedAt: Date,
  ): Promise<Connector> {
    const cached = connectors.get(connectionId);
    if (cached && cached.stamp === updatedAt.getTime()) return cached.connector;
    let connector: Connector;
    try {
      ({ connector } = await openConnector(
        (id) => openConnection(deps.db, deps.secretKey, id),
        { workspaceId: ref.workspaceId, connectionId },
        { allowPrivateNetwork: deps.allowPrivateNetwork },
      ));
    } catch (error) {
      if (error instanceof ConnectionOpenError) throw new SyncNotRunnable(error.message);
      throw error;
    }
    connectors.set(connectionId, { stamp: updatedAt.getTime(), connector });
    return connector;
  }

  async function planFor(mappingId: string, hash: string): Promise<PreparedSyncPlan> {
    const cached = plans.get(hash);
    if (cached) return cached;
    const version = await deps.db.mappingVersion.findFirst({
      where: { mappingId, hash, workspaceId: { not: "" } },
      select: { plan: true },
    });
    if (!version) throw new SyncNotRunnable(`the published version ${hash} is missing`);
    const prepared = prepareSyncPlan(JSON.parse(version.plan) as SyncPlan);
    plans.set(hash, prepared);
    return prepared;
  }

  return async function loadSyncContext(ref: SyncRef): Promise<SyncContext> {
    const sync = await deps.db.sync.findFirst({
      where: { id: ref.syncId, workspaceId: ref.workspaceId },
      select: {
        connectionAId: true,
        connectionBId: true,
        connectionA: { select: { updatedAt: true } },
        connectionB: { select: { updatedAt: true } },
        mapping: { select: { id: true, publishedHash: true } },
      },
    });
    if (!sync) throw new SyncNotRunnable(`sync ${ref.syncId} does not exist in this workspace`);
    const hash = sync.mapping?.publishedHash;
    if (!sync.mapping || !hash)
      throw new SyncNotRunnable(
        "the sync has no published mapping yet; its changes wait until one is published",
      );
    const plan = await planFor(sync.mapping.id, hash);
    const [a, b] = await Promise.all([
      connectorFor(ref, sync.connectionAId, sync.connectionA.updatedAt),
      connectorFor(ref, sync.connectionBId, sync.connectionB.updatedAt),
    ]);
    const entityOf = (connector: Connector, side: "a" | "b") => {
      const entity = connector.syncEntity(plan.sides[side].entity);
      if (!entity)
        throw new SyncNotRunnable(
          `the ${connector.kind} connector does not sync "${plan.sides[side].entity}" records (side ${side.toUpperCase()} of the published mapping)`,
        );
      return entity;
    };
    return {
      ref,
      plan,
      entities: { a: entityOf(a, "a"), b: entityOf(b, "b") },
      connectionIds: { a: sync.connectionAId, b: sync.connectionBId },
      secretKey: deps.secretKey,
    };
  };
}

export type SyncContextLoader = ReturnType<typeof createSyncContextLoader>;
