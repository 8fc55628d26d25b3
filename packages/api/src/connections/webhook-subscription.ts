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
/** A handshake token received but not yet confirmed with the vendor: not a signing key yet. */
export const PENDING_TOKEN_SECRET = "pendingWebhookVerificationToken";

/**
 * Where a subscription stands. `registering`: the vendor was asked and has not answered, so a
 * handshake arriving now is kept until it does. `verifying`: one caller is confirming the
 * handshake token with the vendor; nobody else may.
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
