import type { ConnectorDescription } from "./connector-description";
import type { ConnectorKind } from "./connector-kinds";
import { connectorDefinition } from "./registry";

/**
 * A system's entities and fields without credentials or network, for the mapping editor.
 * BambooHR, Gusto and HiBob are fixed by the vendor and need no settings. A REST system needs
 * `{description}` and a PostgreSQL table its table settings (`schema`, `table`, `idColumn`,
 * `columns`, `version`); a stored connection config (secrets included or not) fits both.
 * Invalid settings are a permanent ConnectorError naming the bad keys.
 */
export function describeConnectorKind(
  kind: ConnectorKind,
  settings?: unknown,
): ConnectorDescription {
  return connectorDefinition(kind).describe(settings);
}
