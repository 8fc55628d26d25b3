import { defineConnector } from "../connector-definition";
import { BambooHrConnectionConfig } from "./config";
import { BambooHrConnector } from "./connector";
import { describeBambooHr } from "./describe";
import { bambooHrMetadata } from "./metadata";

export const bambooHrDefinition = defineConnector({
  ...bambooHrMetadata,
  config: BambooHrConnectionConfig,
  secretFields: ["apiKey", "webhookPrivateKey"],
  webhookSecretField: "webhookPrivateKey",
  describe: describeBambooHr,
  create: (config, options) => new BambooHrConnector(config, options),
});
