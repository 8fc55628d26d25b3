export { appRouter, createCaller, type AppRouter } from "./root";
export type { ApiContext, ConnectorAccess } from "./context";
export { TandemError, type TandemErrorCode, type TandemErrorDetails } from "./errors/tandem-error";
export { createMapping, publishMappingDraft, type NewMapping } from "./mappings/mapping-store";
export {
  handleWebhook,
  MAX_WEBHOOK_BYTES,
  type WebhookIngressDeps,
  type WebhookResponse,
} from "./ingress/handle-webhook";
export type { RunEvent } from "./temporal/history";
