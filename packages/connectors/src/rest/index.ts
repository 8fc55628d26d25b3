import { z } from "zod";
import { defineConnector } from "../connector-definition";
import { RestConnectionConfig } from "./config";
import { RestConnector } from "./connector";
import { describeRestSystem } from "./describe";
import { restMetadata } from "./metadata";
import { RestDescription } from "./rest-description";

export const restDefinition = defineConnector({
  ...restMetadata,
  config: RestConnectionConfig,
  secretFields: ["credential", "webhookSecret"],
  webhookSecretField: "webhookSecret",
  // The fields are the ones the connection's `tandem.rest/v1` description maps.
  describeSettings: z.object({ description: RestDescription }),
  describe: (settings) => describeRestSystem(settings.description),
  create: (config, options) => new RestConnector(config, options),
});
