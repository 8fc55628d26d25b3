export * from "./contract";
export * from "./sync-entity";
export {
  ConnectorDescriptionSchema,
  FieldDescriptionSchema,
  FIELD_ID_PATTERN,
  type ConnectorDescription,
  type EntityDescription,
  type FieldDescription,
} from "./connector-description";
export { describeConnectorKind } from "./describe-connector-kind";
export { fieldValueProblem, readFieldValue } from "./field-value-check";
export * from "./config";
export type { ConnectorOptions } from "./connector-options";
export { createConnector } from "./registry";
export { assertAllowedBaseUrl, type UrlPolicyOptions } from "./url-policy";
export { BambooHrConnector } from "./bamboohr/connector";
export { verifyBambooHrWebhook, BAMBOOHR_TIMESTAMP_TOLERANCE_MS } from "./bamboohr/webhook";
export { GustoConnector, GUSTO_API_VERSION } from "./gusto/connector";
export { verifyGustoWebhook, parseGustoVerificationHandshake } from "./gusto/webhook";
export { RestConnector, readRestErrorMessage } from "./rest/connector";
export {
  RestDescription,
  parseRestDescription,
  syncedFieldsOf,
  type RestDescriptionInput,
} from "./rest/rest-description";
export { verifyStandardWebhook, STANDARD_WEBHOOK_TOLERANCE_MS } from "./rest/webhook";
export { PostgresTableConnector } from "./postgres-table/connector";
export { changeCaptureNames, changeCaptureSql } from "./postgres-table/change-capture";
export { withRetries, type RetryOptions } from "./with-retries";
export { HiBobConnector, readHiBobErrorMessage } from "./hibob/connector";
export { verifyHiBobWebhook } from "./hibob/webhook";
