import { z } from "zod";
import { defineConnector } from "../connector-definition";
import { PostgresTableConnectionConfig } from "./config";
import { PostgresTableConnector } from "./connector";
import { describePostgresTable } from "./describe";
import { postgresTableMetadata } from "./metadata";
import { checkPostgresTable, postgresTableFields } from "./table-settings";

export const postgresTableDefinition = defineConnector({
  ...postgresTableMetadata,
  config: PostgresTableConnectionConfig,
  secretFields: ["connectionString"],
  // Changes arrive through the table's change feed, not webhooks.
  webhookSecretField: null,
  describeSettings: z.object(postgresTableFields).superRefine(checkPostgresTable),
  describe: describePostgresTable,
  create: (config, options) => new PostgresTableConnector(config, options),
});
