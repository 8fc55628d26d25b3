import type { ConnectorMetadata } from "../connector-metadata";

export const restMetadata = {
  kind: "rest",
  label: "REST API",
  systemName: "the REST system",
} as const satisfies ConnectorMetadata;
