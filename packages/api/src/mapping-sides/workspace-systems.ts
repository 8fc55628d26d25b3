import {
  CONNECTOR_KIND_LABELS,
  CONNECTOR_KINDS,
  describeConnectorKind,
  isConnectorKind,
  type ConnectorKind,
  type EntityDescription,
} from "@tandem/connectors";
import type { WorkspaceDb } from "@tandem/db";
import { TandemError } from "../errors/tandem-error";

/** A system the mapping editor can put on side A or B, with everything it holds. */
export interface DescribedSystem {
  /** `connection:<id>` for a connection of the workspace, `kind:<kind>` for a vendor kind. */
  key: string;
  label: string;
  kind: ConnectorKind;
  connectionId: string | null;
  entities: EntityDescription[];
  /** Why a connection describes nothing (settings the connector refuses), else null. */
  problem: string | null;
}

const connectionKey = (id: string) => `connection:${id}`;
const kindKey = (kind: ConnectorKind) => `kind:${kind}`;

function describeStoredConnection(connection: {
  id: string;
  kind: ConnectorKind;
  name: string;
  settings: string;
}): DescribedSystem {
  const system = {
    key: connectionKey(connection.id),
    label: connection.name,
    kind: connection.kind,
    connectionId: connection.id,
  };
  try {
    // Settings only: secrets stay sealed, and describing needs no network.
    const settings = JSON.parse(connection.settings) as unknown;
    return {
      ...system,
      entities: describeConnectorKind(connection.kind, settings).entities,
      problem: null,
    };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ...system, entities: [], problem: reason };
  }
}

/** Vendor kinds fixed by the vendor: described without any connection's settings. */
function staticKindSystems(): DescribedSystem[] {
  return CONNECTOR_KINDS.flatMap((kind) => {
    try {
      const { entities } = describeConnectorKind(kind);
      return [
        {
          key: kindKey(kind),
          label: CONNECTOR_KIND_LABELS[kind],
          kind,
          connectionId: null,
          entities,
          problem: null,
        },
      ];
    } catch {
      return [];
    }
  });
}

/** The workspace's connections (oldest first), then the vendor kinds with a fixed description. */
export async function listWorkspaceSystems(wdb: WorkspaceDb): Promise<DescribedSystem[]> {
  const connections = await wdb.connection.findMany({
    orderBy: { createdAt: "asc" },
    select: { id: true, kind: true, name: true, settings: true },
  });
  const described = connections.flatMap((connection) => {
    const { kind } = connection;
    return isConnectorKind(kind) ? [describeStoredConnection({ ...connection, kind })] : [];
  });
  return [...described, ...staticKindSystems()];
}

/** What the editor lists to put on a side: each system, and per entity its field count. */
export async function listSystemSummaries(wdb: WorkspaceDb) {
  return (await listWorkspaceSystems(wdb)).map((system) => ({
    key: system.key,
    label: system.label,
    kind: system.kind,
    connectionId: system.connectionId,
    problem: system.problem,
    entities: system.entities.map((entity) => ({
      entity: entity.entity,
      label: entity.label,
      fieldCount: entity.fields.length,
    })),
  }));
}

/** The system a key from `listWorkspaceSystems` names, refusing keys the workspace lacks. */
export async function findWorkspaceSystem(wdb: WorkspaceDb, key: string): Promise<DescribedSystem> {
  const connectionId = key.startsWith("connection:") ? key.slice("connection:".length) : null;
  let system: DescribedSystem | undefined;
  if (connectionId) {
    const connection = await wdb.connection.findFirst({
      where: { id: connectionId },
      select: { id: true, kind: true, name: true, settings: true },
    });
    if (connection && isConnectorKind(connection.kind))
      system = describeStoredConnection({ ...connection, kind: connection.kind });
  } else {
    system = staticKindSystems().find((candidate) => candidate.key === key);
  }
  if (!system)
    throw new TandemError(
      "INVALID_INPUT",
      `no system "${key}" here; use a key from mappings.systems()`,
    );
  return system;
}
