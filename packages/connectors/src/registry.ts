import { bambooHrDefinition } from "./bamboohr";
import type { ConnectionConfig } from "./config";
import type { ConnectorDefinition } from "./connector-definition";
import type { ConnectorKind } from "./connector-kinds";
import type { ConnectorOptions } from "./connector-options";
import type { Connector } from "./contract";
import { gustoDefinition } from "./gusto";
import { hiBobDefinition } from "./hibob";
import { postgresTableDefinition } from "./postgres-table";
import { restDefinition } from "./rest";

/**
 * Every connector, one line per `src/<kind>/` folder, in `CONNECTOR_KIND_METADATA`'s order.
 * The config union, the secret fields, the webhook secret fields and the static descriptions
 * are all read from here.
 */
export const CONNECTOR_DEFINITIONS = [
  bambooHrDefinition,
  gustoDefinition,
  hiBobDefinition,
  restDefinition,
  postgresTableDefinition,
] as const;

type ListedKind = (typeof CONNECTOR_DEFINITIONS)[number]["kind"];
/** A kind in `connector-kinds.ts` without a definition here fails to compile. */
const everyKindIsListed: [Exclude<ConnectorKind, ListedKind>] extends [never] ? true : never = true;
void everyKindIsListed;

export function connectorDefinition(kind: ConnectorKind): ConnectorDefinition {
  const definition = CONNECTOR_DEFINITIONS.find((candidate) => candidate.kind === kind);
  if (!definition) throw new Error(`no connector definition for kind "${kind}"`);
  return definition;
}

export function createConnector(config: ConnectionConfig, options: ConnectorOptions): Connector {
  return connectorDefinition(config.kind).create(config, options);
}
