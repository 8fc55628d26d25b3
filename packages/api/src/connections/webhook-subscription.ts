import { randomBytes } from "node:crypto";
import {
  connectorFromStoredConnection,
  isConnectorKind,
  WEBHOOK_SECRET_FIELDS,
  type Connector,
} from "@tandem/connectors";
import { z } from "zod";
import { connectionOpenFailure } from "./connection-open-failure";
import type { ConnectionChange, ConnectionState } from "./connection-state";

/** The settings key that records a subscription made through the vendor's API. */
const SUBSCRIPTION_SETTING = "webhookSubscription";
/**
 * Handshake tokens received while the vendor had not yet told us the subscription's id: only
 * candidates, each confirmed with the vendor before it becomes the signing key (a JSON array).
 */
const PENDING_TOKENS_SECRET = "pendingWebhookVerificationTokens";
/** Where one pending token was kept before candidates were a list. */
const LEGACY_PENDING_TOKEN_SECRET = "pendingWebhookVerificationToken";
/**
 * Anyone who knows the ingress URL can post a handshake. The vendor's own token comes first
 * (right as the subscription is made); forged ones after the cap are not kept.
 */
export const MAX_PENDING_HANDSHAKE_TOKENS = 5;

export function pendingHandshakeTokens(state: ConnectionState): string[] {
  const legacy = state.secrets[LEGACY_PENDING_TOKEN_SECRET];
  const parsed = z
    .array(z.string())
    .safeParse(JSON.parse(state.secrets[PENDING_TOKENS_SECRET] ?? "[]"));
  const tokens = parsed.success ? parsed.data : [];
  return legacy === undefined ? tokens : [legacy, ...tokens];
}

export function withPendingHandshakeTokens(
  secrets: Record<string, string>,
  tokens: readonly string[],
): Record<string, string> {
  const rest = withoutSecret(
    withoutSecret(secrets, LEGACY_PENDING_TOKEN_SECRET),
    PENDING_TOKENS_SECRET,
  );
  return tokens.length === 0 ? rest : { ...rest, [PENDING_TOKENS_SECRET]: JSON.stringify(tokens) };
}

/**
 * Where a subscription stands. `registering`: the vendor was asked and has not answered, so
 * handshake tokens arriving now are kept as candidates until it does. `pending-verification`:
 * the subscription's id is known; a handshake token is confirmed with the vendor as it comes.
 * `verifying` is the same as `pending-verification` (rows written by earlier versions).
 */
export const WebhookSubscription = z.object({
  url: z.string(),
  subscriptionId: z.string().nullable(),
  status: z.enum(["registering", "pending-verification", "verifying", "active"]),
});
export type WebhookSubscription = z.infer<typeof WebhookSubscription>;

export function webhookSubscriptionOf(state: ConnectionState): WebhookSubscription | null {
  const parsed = WebhookSubscription.safeParse(state.settings[SUBSCRIPTION_SETTING]);
  return parsed.success ? parsed.data : null;
}

export function withWebhookSubscription(
  state: ConnectionState,
  subscription: WebhookSubscription | null,
  secrets: Record<string, string> = state.secrets,
): ConnectionChange {
  const { [SUBSCRIPTION_SETTING]: _previous, ...settings } = state.settings;
  return {
    settings: subscription ? { ...settings, [SUBSCRIPTION_SETTING]: subscription } : settings,
    secrets,
  };
}

export function withoutSecret(
  secrets: Record<string, string>,
  name: string,
): Record<string, string> {
  const { [name]: _removed, ...rest } = secrets;
  return rest;
}

/**
 * A connector for managing the connection's webhooks. A connection set up to have its webhook
 * registered from Tandem has no signing secret yet; an unguessable one stands in, so every
 * delivery is refused until the vendor's own secret is stored.
 */
export function webhookConnector(
  state: ConnectionState,
  allowPrivateNetwork: boolean,
): { ok: true; connector: Connector } | { ok: false; reason: string } {
  if (!isConnectorKind(state.kind))
    return { ok: false, reason: `connection kind "${state.kind}" is unknown` };
  const secretField = WEBHOOK_SECRET_FIELDS[state.kind];
  const standIn =
    secretField && !state.secrets[secretField]
      ? { [secretField]: randomBytes(32).toString("hex") }
      : {};
  try {
    const config = { ...state.settings, ...state.secrets, ...standIn, kind: state.kind };
    return {
      ok: true,
      connector: connectorFromStoredConnection({ ...state, config }, { allowPrivateNetwork }),
    };
  } catch (error) {
    return { ok: false, reason: connectionOpenFailure(error) };
  }
}
