import type { Connector } from "@tandem/connectors";
import type { Db, SecretKeys } from "@tandem/db";
import { updateConnectionState, type ConnectionState } from "./connection-state";
import {
  PENDING_TOKEN_SECRET,
  WEBHOOK_SECRET_FIELDS,
  webhookSubscriptionOf,
  withoutSecret,
  withWebhookSubscription,
} from "./webhook-subscription";
import { isConnectorKind } from "../mapping-sides/connector-kinds";

export interface HandshakeStore {
  db: Db;
  secretKey: SecretKeys;
}

export type HandshakeOutcome =
  /** The vendor confirmed the token; it now verifies every delivery. */
  | "completed"
  /** Kept until the registration call learns the subscription's id and completes it. */
  | "stored"
  /** No subscription of ours awaits a handshake (or another caller is completing it). */
  | "ignored";

/**
 * Confirms a claimed handshake with the vendor, then makes its token the connection's
 * signing secret. The connection must be in `verifying` with `token` pending, claimed by the
 * caller. On failure the claim is released, so the vendor's next handshake can try again.
 */
export async function confirmClaimedHandshake(
  store: HandshakeStore,
  connector: Connector,
  claimed: ConnectionState,
  token: string,
): Promise<void> {
  const subscription = webhookSubscriptionOf(claimed);
  if (!subscription?.subscriptionId || !connector.completeWebhookHandshake)
    throw new Error(`connection ${claimed.id} has no subscription awaiting its handshake`);
  const secretField = isConnectorKind(claimed.kind) ? WEBHOOK_SECRET_FIELDS[claimed.kind] : null;
  if (!secretField) throw new Error(`connection ${claimed.id} verifies no webhooks`);
  const settle = (outcome: "active" | "pending-verification") =>
    updateConnectionState(store.db, store.secretKey, claimed.workspaceId, claimed.id, (state) => {
      const current = webhookSubscriptionOf(state);
      if (current?.subscriptionId !== subscription.subscriptionId) return null;
      const secrets = withoutSecret(state.secrets, PENDING_TOKEN_SECRET);
      return withWebhookSubscription(
        state,
        { ...current, status: outcome },
        outcome === "active" ? { ...secrets, [secretField]: token } : secrets,
      );
    });
  try {
    await connector.completeWebhookHandshake(subscription.subscriptionId, token);
  } catch (error) {
    await settle("pending-verification");
    throw error;
  }
  await settle("active");
}

/**
 * A handshake token arrived at ingress (Gusto POSTs it, unsigned, to a new subscription's
 * URL). It becomes a signing secret only after the vendor confirms it, so a forged handshake
 * can at worst fail that confirmation. When the registration call has not yet returned the
 * subscription's id, the token is kept for that call to confirm.
 */
export async function acceptWebhookHandshake(
  store: HandshakeStore,
  connection: { id: string; workspaceId: string },
  connector: Connector,
  token: string,
): Promise<HandshakeOutcome> {
  const result = await updateConnectionState(
    store.db,
    store.secretKey,
    connection.workspaceId,
    connection.id,
    (state) => {
      const subscription = webhookSubscriptionOf(state);
      const secrets = { ...state.secrets, [PENDING_TOKEN_SECRET]: token };
      if (subscription?.status === "registering")
        return withWebhookSubscription(state, subscription, secrets);
      if (subscription?.status === "pending-verification" && subscription.subscriptionId)
        return withWebhookSubscription(state, { ...subscription, status: "verifying" }, secrets);
      return null;
    },
  );
  if (!result?.changed) return "ignored";
  if (webhookSubscriptionOf(result.state)?.status !== "verifying") return "stored";
  await confirmClaimedHandshake(store, connector, result.state, token);
  return "completed";
}
