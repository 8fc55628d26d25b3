export { startBambooHrSimulator, type BambooHrSimulatorOptions } from "./bamboohr/server";
export type { BambooHrEmployeeRecord } from "./bamboohr/fields";
export { startGustoSimulator, type GustoSimulatorOptions } from "./gusto/server";
export type { GustoEmployeeRecord } from "./gusto/fields";
export type { SimulatorHandle, SimulatorOptions, SimulatorState } from "./shared/vendor-simulator";
export type { DeliveryAttempt, WebhookTarget } from "./shared/webhook-queue";
export type { RequestLogEntry } from "./shared/request-log";
export {
  FaultSettings,
  type FaultSettingsInput,
  type RateLimitState,
  type VendorFaultPolicy,
} from "./shared/faults";
export { SimulatorsConfig } from "./cli-config";
export { generateEmployees, mulberry32, type GeneratorOptions } from "./generator";
export {
  startWebhookReceiver,
  type ReceivedWebhook,
  type WebhookReceiver,
} from "./testing/webhook-receiver";
