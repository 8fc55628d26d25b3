import { bambooHrMetadata } from "./bamboohr/metadata";
import type { ConnectorMetadata } from "./connector-metadata";
import { gustoMetadata } from "./gusto/metadata";
import { hiBobMetadata } from "./hibob/metadata";
import { postgresTableMetadata } from "./postgres-table/metadata";
import { restMetadata } from "./rest/metadata";

/**
 * Every kind of system Tandem connects, in the order the mapping editor lists them: one line
 * per connector folder. Names only, so browser code may import it (`@tandem/connectors/kinds`);
 * `registry.ts` lists the connectors themselves.
 */
export const CONNECTOR_KIND_METADATA = [
  bambooHrMetadata,
  gustoMetadata,
  hiBobMetadata,
  restMetadata,
  postgresTableMetadata,
] as const satisfies readonly ConnectorMetadata[];

/** The kinds of system Tandem can talk to. */
export type ConnectorKind = (typeof CONNECTOR_KIND_METADATA)[number]["kind"];

export const CONNECTOR_KINDS: readonly ConnectorKind[] = CONNECTOR_KIND_METADATA.map(
  (metadata) => metadata.kind,
);

export function isConnectorKind(kind: string): kind is ConnectorKind {
  return (CONNECTOR_KINDS as readonly string[]).includes(kind);
}

/** What the mapping editor calls each kind of system when no connection names it. */
export const CONNECTOR_KIND_LABELS = Object.fromEntries(
  CONNECTOR_KIND_METADATA.map((metadata) => [metadata.kind, metadata.label]),
) as Record<ConnectorKind, string>;

/** How sentences name each kind of system (`summarizeConflictRules`' `systemNames`). */
export const CONNECTOR_SYSTEM_NAMES = Object.fromEntries(
  CONNECTOR_KIND_METADATA.map((metadata: ConnectorMetadata) => [
    metadata.kind,
    metadata.systemName ?? metadata.label,
  ]),
) as Record<ConnectorKind, string>;
