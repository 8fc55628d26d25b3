import { z } from "zod";
import { defineSimulator } from "../simulator-definition";
import { startGustoSimulator } from "./server";

export { startGustoSimulator, type GustoSimulatorOptions } from "./server";
export { buildGustoWebhook } from "./webhook";
export { GUSTO_EVENT_LOG_LIMIT, type GustoEvent } from "./events";
export type { GustoEmployeeRecord } from "./fields";

export const gustoSimulator = defineSimulator({
  kind: "gusto",
  cliOptions: {
    companyId: z.string().min(1),
    accessToken: z.string().min(1),
    systemAccessToken: z.string().min(1).optional(),
  },
  start: startGustoSimulator,
});
