import type { ConnectorMetadata } from "../connector-metadata";

export const hiBobMetadata = {
  kind: "hibob",
  label: "HiBob",
} as const satisfies ConnectorMetadata;
