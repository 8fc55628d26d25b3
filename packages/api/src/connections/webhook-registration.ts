import {
  ConnectorError,
  isConnectorKind,
  WEBHOOK_SECRET_FIELDS,
  type Connector,
} from "@tandem/connectors";
import type { Db, SecretKeys } from "@tandem/db";
import type { ConnectorAccess } from "../context";
import { TandemError } from "../errors/tandem-error";
import {
  readConnectionState,
  updateConnectionState,
  type ConnectionState,
} from "./connection-state";
import { confirmHandshakeToken } from "./webhook-handshake";
import {
  pendingHandshakeTokens,
  webhookConnector,
  webhookSubscriptionOf,
  withPendingHandshakeTokens,
  withWebhookSubscription,
} from "./webhook-subscription";

export interface WebhookRegistrationContext {
  db: Db;
  workspaceId: string;
  access: ConnectorAccess | undefined;
}

export interface RegisteredWebhook {
  subscriptionId: string;
  status: "active" | "pending-verification";
}

/** Where vendors deliver a connection's webhooks: the app's ingress route. */
export function ingressUrlFor(publicBaseUrl: string, connectionId: string): string {
  return `${publicBaseUrl.replace(/\/+$/, "")}/api/hooks/${encodeURIComponent(connectionId)}`;
}

/** A vendor's refusal as the caller should see it; connector messages carry no secrets. */
function vendorFailure(connection: ConnectionState, error: unknown): TandemError {
  if (!(error instanceof ConnectorError))
    return error instanceof TandemError
      ? error
      : new TandemError("INTERNAL", error instanceof Error ? error.message : String(error), {
          cause: error,
        });
  return new TandemError(
    error.kind === "retryable" ? "UNAVAILABLE" : "PRECONDITION_FAILED",
    `"${connection.name}": ${error.message}`,
  );
}

async function openForWebhooks(
  context: WebhookRegistrationContext,
  connectionId: string,
): Promise<{ connection: ConnectionState; connector: Connector; secretKey: SecretKeys }> {
  const { access } = context;
  if (!access)
    throw new TandemError(
      "PRECONDITION_FAILED",
      "this server does not talk to connected systems (no connector access configured)",
    );
  const connection = await readConnectionState(
    context.db,
    access.secretKey,
    context.workspaceId,
    connectionId,
  );
  if (!connection) throw new TandemError("NOT_FOUND", `no connection ${connectionId} here`);
  const opened = webhookConnector(connection, access.allowPrivateNetwork);
  if (!opened.ok) throw new TandemError("PRECONDITION_FAILED", opened.reason);
  return { connection, connector: opened.connector, secretKey: access.secretKey };
}

/**
 * Subscribes the connection's ingress URL with the vendor. A signing secret the vendor hands
 * out (BambooHR's private key) is stored sealed at once; a handshake vendor (Gusto) sends its
 * token to ingress, which confirms it, or this call does when the token arrived first.
 */
export async function registerConnectionWebhook(
  context: WebhookRegistrationContext,
  /** `publicBaseUrl` defaults to the URL this server is configured with (TANDEM_PUBLIC_URL). */
  input: { connectionId: string; publicBaseUrl?: string },
): Promise<RegisteredWebhook> {
  const publicBaseUrl = input.publicBaseUrl ?? context.access?.publicUrl;
  if (publicBaseUrl === undefined)
    throw new TandemError(
      "INVALID_INPUT",
      "publicBaseUrl is required: this server has no public URL configured",
    );
  const { connection, connector, secretKey } = await openForWebhooks(context, input.connectionId);
  const secretField = isConnectorKind(connection.kind)
    ? WEBHOOK_SECRET_FIELDS[connection.kind]
    : null;
  if (!connector.registerWebhook || !secretField)
    throw new TandemError(
      "PRECONDITION_FAILED",
      `"${connection.name}" (${connection.kind}) has no webhook registration API: set its webhook up in the vendor's own settings, pointing at ${ingressUrlFor(publicBaseUrl, connection.id)}`,
    );
  const url = ingressUrlFor(publicBaseUrl, connection.id);
  const store = { db: context.db, secretKey };
  const update = (change: Parameters<typeof updateConnectionState>[4]) =>
    updateConnectionState(context.db, secretKey, connection.workspaceId, connection.id, change);

  const previous: { subscriptionId: string | null } = { subscriptionId: null };
  await update((state) => {
    const current = webhookSubscriptionOf(state);
    if (current?.status === "active")
      throw new TandemError(
        "CONFLICT",
        `"${state.name}" already has webhook subscription ${current.subscriptionId ?? ""} to ${current.url}; unregister it first`,
      );
    previous.subscriptionId = current?.subscriptionId ?? null;
    return withWebhookSubscription(
      state,
      { url, subscriptionId: null, status: "registering" },
      withPendingHandshakeTokens(state.secrets, []),
    );
  });
  const release = () =>
    update((state) =>
      webhookSubscriptionOf(state)?.status === "registering"
        ? withWebhookSubscription(state, null, withPendingHandshakeTokens(state.secrets, []))
        : null,
    );

  let registration;
  try {
    // A subscription left half-made by an earlier attempt would deliver to nobody we trust.
    if (previous.subscriptionId !== null)
      await connector.unregisterWebhook?.(previous.subscriptionId);
    registration = await connector.registerWebhook(url);
  } catch (error) {
    await release();
    throw vendorFailure(connection, error);
  }

  const subscriptionId = registration.id;
  if (registration.status === "active") {
    const { signingSecret } = registration;
    await update((state) =>
      withWebhookSubscription(
        state,
        { url, subscriptionId, status: "active" },
        signingSecret === undefined
          ? state.secrets
          : { ...state.secrets, [secretField]: signingSecret },
      ),
    );
    return { subscriptionId, status: "active" };
  }

  const recorded = await update((state) =>
    withWebhookSubscription(state, { url, subscriptionId, status: "pending-verification" }),
  );
  // Tokens that reached ingress before the vendor answered us: the vendor's own is among them
  // unless it is still on its way (then ingress confirms it). Forged ones are refused by the
  // vendor and change nothing.
  let failure: unknown = undefined;
  for (const token of recorded ? pendingHandshakeTokens(recorded.state) : []) {
    try {
      await confirmHandshakeToken(store, connector, connection, subscriptionId, token);
      return { subscriptionId, status: "active" };
    } catch (error) {
      failure = error;
    }
  }
  if (failure !== undefined) {
    await update((state) =>
      webhookSubscriptionOf(state)?.subscriptionId === subscriptionId
        ? withWebhookSubscription(
            state,
            webhookSubscriptionOf(state),
            withPendingHandshakeTokens(state.secrets, []),
          )
        : null,
    );
    // A refused token is someone else's; trouble reaching the vendor is the caller's to see.
    if (!(failure instanceof ConnectorError) || failure.kind === "retryable")
      throw vendorFailure(connection, failure);
  }
  return { subscriptionId, status: "pending-verification" };
}

/** Removes the subscription `registerConnectionWebhook` made; without one, nothing happens. */
export async function unregisterConnectionWebhook(
  context: WebhookRegistrationContext,
  input: { connectionId: string },
): Promise<{ removed: boolean }> {
  const { connection, connector, secretKey } = await openForWebhooks(context, input.connectionId);
  const subscription = webhookSubscriptionOf(connection);
  if (!subscription) return { removed: false };
  if (subscription.subscriptionId !== null) {
    if (!connector.unregisterWebhook)
      throw new TandemError(
        "PRECONDITION_FAILED",
        `"${connection.name}" (${connection.kind}) has no webhook registration API`,
      );
    try {
      await connector.unregisterWebhook(subscription.subscriptionId);
    } catch (error) {
      throw vendorFailure(connection, error);
    }
  }
  await updateConnectionState(
    context.db,
    secretKey,
    connection.workspaceId,
    connection.id,
    (state) =>
      webhookSubscriptionOf(state)?.subscriptionId === subscription.subscriptionId
        ? withWebhookSubscription(state, null, withPendingHandshakeTokens(state.secrets, []))
        : null,
  );
  return { removed: true };
}
