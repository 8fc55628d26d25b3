import { hmacSha256Hex } from "../shared/signing";
import type { OutgoingWebhook, WebhookTarget } from "../shared/webhook-queue";
import type { BambooHrChange } from "./store";

/** BambooHR retries only after a 5xx, 5 more times, at these delays in minutes. */
export const BAMBOOHR_RETRY_MINUTES = [5, 10, 20, 40, 80];

/** The simulated company's numeric id, as event payloads carry it. */
export const BAMBOOHR_COMPANY_ID = 1;

/** `2026-01-31T18:42:00+0000`, the payload's timestamp format. */
function formatBambooHrInstant(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, "+0000");
}

/**
 * An event-based webhook delivery, signed as BambooHR signs it: hex HMAC-SHA256 with the
 * webhook's private key over the raw body followed by the Unix-seconds timestamp header.
 */
export function buildBambooHrWebhook(
  target: WebhookTarget,
  change: BambooHrChange,
  now: Date = new Date(),
): OutgoingWebhook {
  const body = JSON.stringify({
    type: change.type,
    timestamp: formatBambooHrInstant(now),
    data: {
      companyId: BAMBOOHR_COMPANY_ID,
      employeeId: change.employeeId,
      changedFields: change.changedFields,
    },
  });
  const timestamp = String(Math.floor(now.getTime() / 1000));
  return {
    url: target.url,
    body,
    headers: {
      "Content-Type": "application/json",
      "User-Agent": "BambooHR-WebHooks/1.0 (+https://www.bamboohr.com)",
      "X-BambooHR-Timestamp": timestamp,
      "X-BambooHR-Signature": hmacSha256Hex(target.secret, body + timestamp),
    },
  };
}
