import { hmacSha256Hex } from "../shared/signing";
import type { OutgoingWebhook, WebhookTarget } from "../shared/webhook-queue";
import type { GustoEvent } from "./events";

/**
 * Gusto retries any non-2xx up to 16 times "with exponential backoff" without publishing the
 * delays; the simulator doubles from one minute and caps at twelve hours.
 */
export const GUSTO_RETRY_MINUTES = Array.from({ length: 16 }, (_, retry) =>
  Math.min(2 ** retry, 12 * 60),
);

/**
 * A thin Gusto event, signed as Gusto signs it: `X-Gusto-Signature` is the hex HMAC-SHA256 of
 * the raw body keyed with the subscription's verification token. The body is the event as
 * `GET /v1/events` lists it, so its `uuid` is the event's, and stays the same across retries
 * because retries resend the same bytes.
 */
export function buildGustoWebhook(target: WebhookTarget, event: GustoEvent): OutgoingWebhook {
  const body = JSON.stringify(event);
  return {
    url: target.url,
    body,
    headers: {
      "Content-Type": "application/json",
      "X-Gusto-Signature": hmacSha256Hex(target.secret, body),
    },
  };
}
