import { randomUUID } from "node:crypto";
import { hmacSha256Hex } from "../shared/signing";
import type { OutgoingWebhook, WebhookTarget } from "../shared/webhook-queue";
import type { GustoChange } from "./store";

/**
 * Gusto retries any non-2xx up to 16 times "with exponential backoff" without publishing the
 * delays; the simulator doubles from one minute and caps at twelve hours.
 */
export const GUSTO_RETRY_MINUTES = Array.from({ length: 16 }, (_, retry) =>
  Math.min(2 ** retry, 12 * 60),
);

/**
 * A thin Gusto event, signed as Gusto signs it: `X-Gusto-Signature` is the hex HMAC-SHA256 of
 * the raw body keyed with the subscription's verification token. The event `uuid` stays the
 * same across retries because retries resend the same bytes.
 */
export function buildGustoWebhook(
  target: WebhookTarget,
  companyUuid: string,
  change: GustoChange,
  now: Date = new Date(),
): OutgoingWebhook {
  const body = JSON.stringify({
    uuid: randomUUID(),
    event_type: change.eventType,
    resource_type: "Company",
    resource_uuid: companyUuid,
    entity_type: change.entityType,
    entity_uuid: change.entityUuid,
    timestamp: Math.floor(now.getTime() / 1000),
  });
  return {
    url: target.url,
    body,
    headers: {
      "Content-Type": "application/json",
      "X-Gusto-Signature": hmacSha256Hex(target.secret, body),
    },
  };
}
