import { createHmac, randomBytes } from "node:crypto";
import type { DeliveryOutcome, OutgoingWebhook, WebhookTarget } from "../shared/webhook-queue";
import type { RestChange } from "./store";

/**
 * The Standard Webhooks spec's example retry schedule after the immediate first attempt:
 * 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h and 24 h (about 75 h in all).
 */
export const STANDARD_WEBHOOKS_RETRY_MINUTES = [5 / 60, 5, 30, 120, 300, 600, 840, 1200, 1440];

/** `whsec_` + base64 → the HMAC key; a secret without the prefix is read as base64 too. */
function signingKey(secret: string): Buffer {
  return Buffer.from(secret.startsWith("whsec_") ? secret.slice(6) : secret, "base64");
}

/** `v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}">`. */
export function signStandardWebhook(
  secret: string,
  id: string,
  timestamp: number,
  body: string,
): string {
  const digest = createHmac("sha256", signingKey(secret))
    .update(`${id}.${timestamp}.${body}`, "utf8")
    .digest("base64");
  return `v1,${digest}`;
}

/**
 * One event, `{type, timestamp, data: {id}}` (the spec's thin payload), sent as Standard
 * Webhooks send it: `webhook-id` stays the same across retries, while `webhook-timestamp`
 * and `webhook-signature` are made afresh for every attempt, as the spec says the timestamp
 * is the attempt's, so a retry hours later still passes the receiver's 5 minute window.
 */
export function buildStandardWebhook(
  target: WebhookTarget,
  change: RestChange,
  clock: () => Date = () => new Date(),
): OutgoingWebhook {
  const id = `msg_${randomBytes(12).toString("hex")}`;
  const body = JSON.stringify({
    type: change.type,
    timestamp: change.at,
    data: { id: change.employeeId },
  });
  const headersForAttempt = () => {
    const timestamp = Math.floor(clock().getTime() / 1000);
    return {
      "Content-Type": "application/json",
      "webhook-id": id,
      "webhook-timestamp": String(timestamp),
      "webhook-signature": signStandardWebhook(target.secret, id, timestamp, body),
    };
  };
  return { url: target.url, body, headers: headersForAttempt(), headersForAttempt };
}

/**
 * Endpoint state: a `410 Gone` from the receiver disables the endpoint: no new event is sent
 * to it and no failed attempt to it is retried, until a webhook target is set again (a new
 * registration). Every other failure, including 3xx and connection errors, is retried on the
 * schedule.
 */
export class StandardWebhookEndpoints {
  private readonly disabled = new WeakSet<WebhookTarget>();
  private readonly targets = new WeakMap<OutgoingWebhook, WebhookTarget>();

  build(target: WebhookTarget, change: RestChange): OutgoingWebhook | null {
    if (this.disabled.has(target)) return null;
    const webhook = buildStandardWebhook(target, change);
    this.targets.set(webhook, target);
    return webhook;
  }

  shouldRetry(outcome: DeliveryOutcome, webhook: OutgoingWebhook): boolean {
    const target = this.targets.get(webhook);
    if ("status" in outcome && outcome.status === 410) {
      if (target) this.disabled.add(target);
      return false;
    }
    return target === undefined || !this.disabled.has(target);
  }

  isDisabled(target: WebhookTarget): boolean {
    return this.disabled.has(target);
  }
}
