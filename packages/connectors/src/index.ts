export * from "./contract";
export * from "./config";
export type { ConnectorOptions } from "./connector-options";
export { createConnector } from "./registry";
export { assertAllowedBaseUrl, type UrlPolicyOptions } from "./url-policy";
export { BambooHrConnector } from "./bamboohr/connector";
export { verifyBambooHrWebhook, BAMBOOHR_TIMESTAMP_TOLERANCE_MS } from "./bamboohr/webhook";
export { GustoConnector, GUSTO_API_VERSION } from "./gusto/connector";
export { verifyGustoWebhook, parseGustoVerificationHandshake } from "./gusto/webhook";
