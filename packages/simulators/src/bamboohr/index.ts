import { z } from "zod";
import { defineSimulator } from "../simulator-definition";
import { startBambooHrSimulator } from "./server";

export { startBambooHrSimulator, type BambooHrSimulatorOptions } from "./server";
export { buildBambooHrWebhook } from "./webhook";
export type { BambooHrEmployeeRecord } from "./fields";

export const bambooHrSimulator = defineSimulator({
  kind: "bamboohr",
  cliOptions: { companyDomain: z.string().min(1), apiKey: z.string().min(1) },
  start: startBambooHrSimulator,
});
