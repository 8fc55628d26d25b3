import type { ConnectorKind } from "@tandem/connectors";

/** What the mapping editor calls each kind of system when no connection names it. */
export const CONNECTOR_KIND_LABELS = {
  bamboohr: "BambooHR",
  gusto: "Gusto",
  hibob: "HiBob",
  rest: "REST API",
  "postgres-table": "PostgreSQL table",
} as const satisfies Record<ConnectorKind, string>;

export const CONNECTOR_KINDS = Object.keys(CONNECTOR_KIND_LABELS) as ConnectorKind[];

export function isConnectorKind(kind: string): kind is ConnectorKind {
  return Object.hasOwn(CONNECTOR_KIND_LABELS, kind);
}
