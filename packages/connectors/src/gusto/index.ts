import { defineConnector } from "../connector-definition";
import { GustoConnectionConfig } from "./config";
import { GustoConnector } from "./connector";
import { describeGusto } from "./describe";
import { gustoMetadata } from "./metadata";

export const gustoDefinition = defineConnector({
  ...gustoMetadata,
  config: GustoConnectionConfig,
  secretFields: ["accessToken", "webhookVerificationToken", "systemAccessToken"],
  // Gusto signs deliveries with the token its subscription handshake carried.
  webhookSecretField: "webhookVerificationToken",
  describe: describeGusto,
  create: (config, options) => new GustoConnector(config, options),
});
