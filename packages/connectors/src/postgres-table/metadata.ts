import type { ConnectorMetadata } from "../connector-metadata";

export const postgresTableMetadata = {
  kind: "postgres-table",
  label: "PostgreSQL table",
  systemName: "the database",
} as const satisfies ConnectorMetadata;
