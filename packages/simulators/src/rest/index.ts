import { z } from "zod";
import { defineSimulator } from "../simulator-definition";
import { startRestSimulator } from "./server";

export { startRestSimulator, type RestSimulatorOptions } from "./server";
export {
  DEFAULT_REST_DESCRIPTION,
  REST_STATUSES,
  type RestEmployeeRecord,
  type RestStatus,
} from "./fields";
export { signStandardWebhook, STANDARD_WEBHOOKS_RETRY_MINUTES } from "./webhook";

export const restSimulator = defineSimulator({
  kind: "rest",
  cliOptions: { accessToken: z.string().min(1) },
  start: startRestSimulator,
});
