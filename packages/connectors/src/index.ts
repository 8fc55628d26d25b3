export * from "./contract";
export * from "./sync-entity";
export { fieldAtPath } from "./record-fields";
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
export { ConnectionConfig, SECRET_FIELDS, WEBHOOK_SECRET_FIELDS } from "./config";
export {
  CONNECTOR_KINDS,
  CONNECTOR_KIND_LABELS,
  CONNECTOR_KIND_METADATA,
  CONNECTOR_SYSTEM_NAMES,
  isConnectorKind,
} from "./connector-kinds";
export type { ConnectorMetadata } from "./connector-metadata";
export type { ConnectorDefinition } from "./connector-definition";
export type { ConnectorOptions } from "./connector-options";
export { CONNECTOR_DEFINITIONS, connectorDefinition, createConnector } from "./registry";
export {
  ConnectionOpenError,
  connectorFromStoredConnection,
  openConnector,
  type LoadConnection,
  type StoredConnection,
} from "./open-connector";
export { assertAllowedBaseUrl, type UrlPolicyOptions } from "./url-policy";
export { withRetries, type RetryOptions } from "./with-retries";
