import type { ConnectorMetadata } from "../connector-metadata";

export const bambooHrMetadata = {
  kind: "bamboohr",
  label: "BambooHR",
} as const satisfies ConnectorMetadata;
