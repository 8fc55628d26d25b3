import { defineConnector } from "../connector-definition";
import { HiBobConnectionConfig } from "./config";
import { HiBobConnector } from "./connector";
import { describeHiBob } from "./describe";
import { hiBobMetadata } from "./metadata";

export const hiBobDefinition = defineConnector({
  ...hiBobMetadata,
  config: HiBobConnectionConfig,
  secretFields: ["token", "webhookSecret"],
  webhookSecretField: "webhookSecret",
  describe: describeHiBob,
  create: (config, options) => new HiBobConnector(config, options),
});
