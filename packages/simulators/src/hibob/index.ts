import { z } from "zod";
import { defineSimulator } from "../simulator-definition";
import { startHiBobSimulator } from "./server";

export { startHiBobSimulator, type HiBobSimulatorOptions } from "./server";
export {
  HIBOB_LIFECYCLE_STATUSES,
  type HiBobEmployeeRecord,
  type HiBobLifecycleStatus,
} from "./fields";
export { signHiBobWebhook, HIBOB_RETRY_MINUTES } from "./webhook";

export const hiBobSimulator = defineSimulator({
  kind: "hibob",
  cliOptions: { serviceUserId: z.string().min(1), token: z.string().min(1) },
  start: startHiBobSimulator,
});
