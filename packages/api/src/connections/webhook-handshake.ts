import { isConnectorKind, WEBHOOK_SECRET_FIELDS, type Connector } from "@tandem/connectors";
import type { Db, SecretKeys } from "@tandem/db";
import { updateConnectionState, type ConnectionState } from "./connection-state";
import {
  MAX_PENDING_HANDSHAKE_TOKENS,
  pendingHandshakeTokens,
  webhookSubscriptionOf,
  withPendingHandshakeTokens,
  withWebhookSubscription,
} from "./webhook-subscription";

export interface HandshakeStore {
  db: Db;
  secretKey: SecretKeys;
}

export type HandshakeOutcome =
  /** The vendor confirmed the token; it now verifies every delivery. */
  | "completed"
  /** Kept as a candidate until the registration call learns the subscription's id. */
  | "stored"
  /** No subscription of ours awaits a handshake. */
  | "ignored";

/**
 * Confirms one handshake token with the vendor, then makes it the connection's signing secret.
 * Only the vendor's confirmation changes anything: a token it refuses (a forgery) leaves the
 * subscription as it was, so it cannot displace a pending handshake, and a subscription that
 * is already active is never touched.
 */
export async function confirmHandshakeToken(
  store: HandshakeStore,
  connector: Connector,
  connection: Pick<ConnectionState, "id" | "workspaceId" | "kind">,
  subscriptionId: string,
  token: string,
): Promise<void> {
  const secretField = isConnectorKind(connection.kind)
    ? WEBHOOK_SECRET_FIELDS[connection.kind]
    : null;
  if (!secretField || !connector.completeWebhookHandshake)
    throw new Error(`connection ${connection.id} has no webhook handshake`);
  await connector.completeWebhookHandshake(subscriptionId, token);
  await updateConnectionState(
    store.db,
    store.secretKey,
    connection.workspaceId,
    connection.id,
    (state) => {
      const current = webhookSubscriptionOf(state);
      if (current?.subscriptionId !== subscriptionId || current.status === "active") return null;
      return withWebhookSubscription(
        state,
        { ...current, status: "active" },
        { ...withPendingHandshakeTokens(state.secrets, []), [secretField]: token },
      );
    },
  );
}

/**
 * A handshake token arrived at ingress (Gusto POSTs it, unsigned, to a new subscription's
 * URL). While the registration call has not yet returned the subscription's id, it is kept as
 * one of a few candidates for that call to confirm; after that, it is confirmed at once.
 */
export async function acceptWebhookHandshake(
  store: HandshakeStore,
  connection: { id: string; workspaceId: string },
  connector: Connector,
  token: string,
): Promise<HandshakeOutcome> {
  let alreadyKept = false;
  const result = await updateConnectionState(
    store.db,
    store.secretKey,
    connection.workspaceId,
    connection.id,
    (state) => {
      const subscription = webhookSubscriptionOf(state);
      if (subscription?.status !== "registering") return null;
      const tokens = pendingHandshakeTokens(state);
      alreadyKept = tokens.includes(token);
      if (alreadyKept || tokens.length >= MAX_PENDING_HANDSHAKE_TOKENS) return null;
      return withWebhookSubscription(
        state,
        subscription,
        withPendingHandshakeTokens(state.secrets, [...tokens, token]),
      );
    },
  );
  if (!result) return "ignored";
  if (result.changed || alreadyKept) return "stored";
  const subscription = webhookSubscriptionOf(result.state);
  const awaiting =
    subscription?.status === "pending-verification" || subscription?.status === "verifying";
  if (!awaiting || !subscription.subscriptionId) return "ignored";
  await confirmHandshakeToken(store, connector, result.state, subscription.subscriptionId, token);
  return "completed";
}
