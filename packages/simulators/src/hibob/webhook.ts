import { createHmac } from "node:crypto";
import type { OutgoingWebhook, WebhookTarget } from "../shared/webhook-queue";
import type { HiBobChange } from "./store";

/**
 * Bob retries a failed delivery "with exponential backoff for up to 3 days, in order"
 * (apidocs.hibob.com, working with webhooks) without publishing the delays; the simulator
 * doubles from one minute: 12 retries, the last at 2048 min, about 68 hours in all.
 */
export const HIBOB_RETRY_MINUTES = Array.from({ length: 12 }, (_, retry) => 2 ** retry);

/** Partner apps get this fixed schedule instead (Bob's partner webhook guide). */
export const HIBOB_PARTNER_RETRY_MINUTES = [1, 10, 20, 40, 80, 160];

/** The simulated company's id, as payloads carry it. */
export const HIBOB_COMPANY_ID = 645_123;

/** The service user Bob names in `triggeredBy` for changes made through the API. */
export const HIBOB_TRIGGERED_BY = "3332883884017713199";

/**
 * `Bob-Signature`: HMAC-SHA512 of the raw body keyed with the webhook's secret. Bob's
 * documentation shows the HMAC but its example's output encoding is unconfirmed (the fact
 * sheet calls base64 "suggested"); the simulator sends base64.
 */
export function signHiBobWebhook(secret: string, body: string): string {
  return createHmac("sha512", secret).update(body, "utf8").digest("base64");
}

/**
 * A v2 webhook event: `{companyId, type, triggeredBy, triggeredAt, version, data}` with the
 * employee's id and the changed field paths in `data`. Retries resend the same bytes, so a
 * receiver sees the same signature each time.
 */
export function buildHiBobWebhook(
  target: WebhookTarget,
  change: HiBobChange,
  now: Date = new Date(),
): OutgoingWebhook {
  const body = JSON.stringify({
    companyId: HIBOB_COMPANY_ID,
    type: change.type,
    triggeredBy: HIBOB_TRIGGERED_BY,
    triggeredAt: now.toISOString(),
    version: "v2",
    data: { employeeId: change.employeeId, fieldIds: change.fieldIds },
  });
  return {
    url: target.url,
    body,
    headers: {
      "Content-Type": "application/json",
      "Bob-Signature": signHiBobWebhook(target.secret, body),
    },
  };
}
