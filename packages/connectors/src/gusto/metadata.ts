import type { ConnectorMetadata } from "../connector-metadata";

export const gustoMetadata = {
  kind: "gusto",
  label: "Gusto",
} as const satisfies ConnectorMetadata;
