import { createHash } from "node:crypto";
import {
  createInboxWriter,
  deliveryHeaders,
  sealDelivery,
  type Db,
  type InboxWriter,
  type SecretKeys,
  type StoreOutcome,
} from "@tandem/db";
import type { ExecutorNudger, SyncRef } from "@tandem/workflows/dispatch";
import {
  createIngressConnections,
  type IngressConnections,
  type IngressLookup,
} from "./ingress-connections";
import { acceptWebhookHandshake } from "../connections/webhook-handshake";

export interface WebhookIngressDeps {
  db: Db;
  secretKey: SecretKeys;
  allowPrivateNetwork: boolean;
  /** Tells the executors of the syncs a change was queued for (coalesced; may be unreachable). */
  nudger: ExecutorNudger;
  /** Opened connections kept across requests (the web app keeps one per process). */
  connections?: IngressConnections;
  /** Commits concurrent deliveries together (the web app keeps one per process). */
  inbox?: InboxWriter;
  log?: (message: string) => void;
}

export interface WebhookResponse {
  status: number;
  body: Record<string, unknown>;
  /** e.g. Retry-After on a 503; the route sends them as they are. */
  headers?: Record<string, string>;
}

/** How long a vendor is asked to wait before sending a delivery we could not take again. */
export const INGRESS_RETRY_AFTER_SECONDS = 30;

/**
 * Our own trouble (the database, the secret key) must not look like the sender's: a 503 with
 * Retry-After makes vendors that retry only on 5xx send the delivery again.
 */
function unavailable(log: (message: string) => void, what: string, error: unknown) {
  log(
    `webhook ingress unavailable (${what}): ${error instanceof Error ? error.message : String(error)}`,
  );
  return {
    status: 503,
    headers: { "Retry-After": String(INGRESS_RETRY_AFTER_SECONDS) },
    body: { error: "temporarily unavailable, send again later" },
  } satisfies WebhookResponse;
}

/** Vendors give up on slow receivers; anything bigger than this is not a change notification. */
export const MAX_WEBHOOK_BYTES = 256 * 1024;

/**
 * Webhook ingress: verify the vendor's signature over the raw bytes, store each event in the
 * inbox and queue it for every sync the connection feeds, in one transaction (a redelivery is
 * acknowledged and dropped), then nudge those syncs' executors. Answers fast; if Temporal is
 * unreachable the queued changes wait and the relay nudges their executors later.
 */
export async function handleWebhook(
  deps: WebhookIngressDeps,
  connectionId: string,
  headers: Headers,
  rawBody: string,
): Promise<WebhookResponse> {
  const log = deps.log ?? (() => undefined);
  if (Buffer.byteLength(rawBody) > MAX_WEBHOOK_BYTES)
    return { status: 413, body: { error: "payload too large" } };
  const connections = deps.connections ?? createIngressConnections({ ttlMs: 0 });
  const inbox = deps.inbox ?? createInboxWriter(deps.db);
  let found: IngressLookup;
  try {
    found = await connections.lookup(deps, connectionId);
  } catch (error) {
    // The database failed, or the connection's secrets do not open under our key.
    return unavailable(log, "reading the connection", error);
  }
  if (found.kind === "unknown") return { status: 404, body: { error: "unknown connection" } };
  if (found.kind === "misconfigured")
    return { status: 500, body: { error: "connection is misconfigured" } };
  let { state: connection, connector, targets } = found.connection;

  const handshake = connector.parseWebhookHandshake?.(rawBody);
  if (handshake) {
    connections.forget(connectionId);
    try {
      const outcome = await acceptWebhookHandshake(
        deps,
        connection,
        connector,
        handshake.verificationToken,
      );
      log(`webhook handshake for connection ${connection.id}: ${outcome}`);
      return { status: 200, body: { handshake: outcome } };
    } catch (error) {
      // Not 2xx, so the vendor sends the token again later.
      log(
        `webhook handshake for connection ${connection.id} not completed: ${error instanceof Error ? error.message : String(error)}`,
      );
      return { status: 502, body: { error: "the handshake could not be completed" } };
    } finally {
      connections.forget(connectionId);
    }
  }
  let verification = connector.verifyWebhook(headers, rawBody);
  if (!verification.ok && deps.connections) {
    // The secret may have changed since the connection was read: read it again once.
    try {
      const fresh = await connections.lookup(deps, connectionId, true);
      if (fresh.kind === "found") {
        ({ state: connection, connector, targets } = fresh.connection);
        verification = connector.verifyWebhook(headers, rawBody);
      }
    } catch (error) {
      return unavailable(log, "reading the connection", error);
    }
  }
  // The delivery as received, sealed for the inbox row it becomes (replay and forensics).
  const raw = { headers: deliveryHeaders(headers), body: rawBody };
  const { workspaceId } = connection;
  const sealRaw = (inboxId: string) =>
    sealDelivery(deps.secretKey, raw, { workspaceId, connectionId: connection.id, inboxId });
  if (!verification.ok && verification.authentic) {
    // Signed by the vendor but not a change we understand: refusing it would have the vendor
    // send it again forever. It is kept, failed, with the reason, for an operator to look at.
    log(`webhook kept as failed for connection ${connection.id}: ${verification.reason}`);
    try {
      const stored = await inbox.store({
        workspaceId,
        connectionId: connection.id,
        deliveryId: `unparseable:${createHash("sha256").update(rawBody).digest("hex")}`,
        entity: "unknown",
        action: "unparseable",
        externalId: "",
        changedAt: new Date(),
        failure: verification.reason,
        sealRaw,
      });
      return {
        status: 200,
        body: {
          accepted: 0,
          duplicates: stored.duplicate ? 1 : 0,
          failed: 1,
          reason: verification.reason,
        },
      };
    } catch (error) {
      return unavailable(log, "storing the event", error);
    }
  }
  if (!verification.ok) {
    log(`webhook rejected for connection ${connection.id}: ${verification.reason}`);
    return { status: 401, body: { error: "invalid signature", reason: verification.reason } };
  }

  let accepted = 0;
  let duplicates = 0;
  for (const event of verification.events) {
    let stored: StoreOutcome;
    try {
      stored = await inbox.store(
        {
          workspaceId: connection.workspaceId,
          connectionId: connection.id,
          deliveryId: event.deliveryId,
          entity: event.entity,
          action: event.action,
          externalId: event.externalId,
          changedAt: new Date(event.changedAt),
          sealRaw,
        },
        { derivedDeliveryId: event.derivedDeliveryId, targets },
      );
    } catch (error) {
      // Events stored before this one are deduplicated when the vendor sends them again.
      return unavailable(log, "storing the event", error);
    }
    if (stored.duplicate) duplicates += 1;
    else accepted += 1;
  }
  let nudged = true;
  if (accepted > 0 && targets.length > 0) {
    const refs: SyncRef[] = targets.map((target) => ({
      workspaceId: connection.workspaceId,
      syncId: target.syncId,
    }));
    try {
      await deps.nudger.nudge(refs);
    } catch (error) {
      nudged = false;
      log(
        `changes queued for connection ${connection.id}; Temporal unavailable, the relay will nudge their executors (${error instanceof Error ? error.message : String(error)})`,
      );
    }
  }
  return { status: 200, body: { accepted, duplicates, nudged } };
}
