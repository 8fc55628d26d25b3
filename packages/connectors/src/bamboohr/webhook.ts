import { z } from "zod";
import type { ChangeEvent, WebhookVerification } from "../contract";
import { hexSignaturesMatch, hmacSha256Hex, sha256Hex } from "../webhook-signature";

/** Deliveries signed further than this from our clock, either way, are refused as replays. */
export const BAMBOOHR_TIMESTAMP_TOLERANCE_MS = 5 * 60 * 1000;

const EventBasedPayload = z.object({
  type: z.string(),
  timestamp: z.string().optional(),
  data: z.looseObject({
    companyId: z.union([z.string(), z.number()]).optional(),
    employeeId: z.union([z.string(), z.number()]).transform(String),
    changedFields: z.array(z.string()).optional(),
  }),
});

const EMPLOYEE_EVENT = /^employee\.(created|updated|deleted)$/;

/**
 * `X-BambooHR-Timestamp` is read as Unix seconds, which is what BambooHR's PHP sample and the
 * integrations that port it use; an ISO 8601 value is accepted too in case a delivery uses it.
 */
function parseTimestampHeader(value: string): Date | null {
  const at = /^\d+$/.test(value) ? Number(value) * 1000 : Date.parse(value);
  return Number.isFinite(at) ? new Date(at) : null;
}

/** The event-based payload writes offsets as `+0000`, which not every date parser accepts. */
function parseBambooHrInstant(value: string | undefined): string | null {
  if (value === undefined) return null;
  const at = Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, "$1:$2"));
  return Number.isNaN(at) ? null : new Date(at).toISOString();
}

/**
 * Verifies an event-based BambooHR webhook delivery and parses its change.
 *
 * Signature: hex HMAC-SHA256 keyed with the webhook's private key over the raw body followed
 * directly by the `X-BambooHR-Timestamp` value, no separator. The fact sheet marks this
 * "confirm"; it follows BambooHR's PHP sample as reproduced by Nango and other integrations.
 *
 * BambooHR sends no delivery id, so the id is derived from the timestamp header and the raw
 * body: a retry of the same event repeats both byte for byte, while two different events
 * differ in body or in signing time.
 */
export function verifyBambooHrWebhook(
  headers: Headers,
  rawBody: string,
  privateKey: string,
  now: Date = new Date(),
): WebhookVerification {
  const signature = headers.get("x-bamboohr-signature");
  const timestampHeader = headers.get("x-bamboohr-timestamp");
  if (signature === null || timestampHeader === null) {
    return { ok: false, reason: "missing X-BambooHR-Signature or X-BambooHR-Timestamp header" };
  }
  const signedAt = parseTimestampHeader(timestampHeader.trim());
  if (signedAt === null) return { ok: false, reason: "unreadable X-BambooHR-Timestamp" };
  if (!hexSignaturesMatch(hmacSha256Hex(privateKey, rawBody + timestampHeader), signature.trim())) {
    return { ok: false, reason: "signature does not match" };
  }
  if (Math.abs(now.getTime() - signedAt.getTime()) > BAMBOOHR_TIMESTAMP_TOLERANCE_MS) {
    return { ok: false, reason: "timestamp outside the 5 minute tolerance" };
  }

  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    return { ok: false, authentic: true, reason: "body is not JSON" };
  }
  const payload = EventBasedPayload.safeParse(json);
  if (!payload.success)
    return { ok: false, authentic: true, reason: "not an event-based BambooHR payload" };

  const action = EMPLOYEE_EVENT.exec(payload.data.type)?.[1] as ChangeEvent["action"] | undefined;
  if (action === undefined) return { ok: true, events: [] };
  return {
    ok: true,
    events: [
      {
        deliveryId: `bamboohr:${sha256Hex(timestampHeader + rawBody)}`,
        derivedDeliveryId: true,
        entity: "employee",
        action,
        externalId: payload.data.data.employeeId,
        changedAt: parseBambooHrInstant(payload.data.timestamp) ?? signedAt.toISOString(),
      },
    ],
  };
}
