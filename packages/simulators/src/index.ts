export { startBambooHrSimulator, type BambooHrSimulatorOptions } from "./bamboohr/server";
export { buildBambooHrWebhook } from "./bamboohr/webhook";
export type { BambooHrEmployeeRecord } from "./bamboohr/fields";
export { startGustoSimulator, type GustoSimulatorOptions } from "./gusto/server";
export { buildGustoWebhook } from "./gusto/webhook";
export type { GustoEmployeeRecord } from "./gusto/fields";
export { startRestSimulator, type RestSimulatorOptions } from "./rest/server";
export {
  DEFAULT_REST_DESCRIPTION,
  REST_STATUSES,
  type RestEmployeeRecord,
  type RestStatus,
} from "./rest/fields";
export { signStandardWebhook, STANDARD_WEBHOOKS_RETRY_MINUTES } from "./rest/webhook";
export { startHiBobSimulator, type HiBobSimulatorOptions } from "./hibob/server";
export {
  HIBOB_LIFECYCLE_STATUSES,
  type HiBobEmployeeRecord,
  type HiBobLifecycleStatus,
} from "./hibob/fields";
export { signHiBobWebhook, HIBOB_RETRY_MINUTES } from "./hibob/webhook";
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
