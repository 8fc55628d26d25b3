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
export {
  IngressRateLimits,
  INGRESS_RATE_LIMITS,
  clientAddressOf,
} from "./ingress/ingress-rate-limits";
export { readBoundedBody, BodyTooLargeError, MAX_TRPC_BODY_BYTES } from "./http/read-bounded-body";
export type { RunEvent } from "./temporal/history";
export { createIngressConnections, type IngressConnections } from "./ingress/ingress-connections";
export {
  handleCodecRequest,
  codecPreflight,
  CODEC_OPERATIONS,
  type CodecServerDeps,
} from "./temporal/codec-server";
