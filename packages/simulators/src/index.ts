export * from "./bamboohr";
export * from "./gusto";
export * from "./rest";
export * from "./hibob";
export { SIMULATOR_DEFINITIONS } from "./simulator-definitions";
export {
  defineSimulator,
  type AnySimulatorDefinition,
  type SimulatorDefinition,
} from "./simulator-definition";
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
