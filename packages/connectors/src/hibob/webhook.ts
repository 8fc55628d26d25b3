import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import type { ChangeEvent, WebhookVerification } from "../contract";
import { sha256Hex } from "../webhook-signature";

const SHA512_BYTES = 64;

const HiBobEventV2 = z.object({
  companyId: z.union([z.string(), z.number()]).optional(),
  type: z.string().min(1),
  triggeredBy: z.union([z.string(), z.number()]).nullish(),
  triggeredAt: z.string().refine((value) => !Number.isNaN(Date.parse(value)), {
    message: "expected an ISO 8601 instant",
  }),
  version: z.union([z.string(), z.number()]).optional(),
  data: z.looseObject({
    employeeId: z.union([z.string(), z.number()]).transform(String).optional(),
  }),
});

/** Bob's connection test: the string `Ping test`, or `{"text":"Ping test"}` on a second try. */
const PING_BODIES = new Set(["Ping test", '"Ping test"', '{"text":"Ping test"}']);

/**
 * Decodes a received `Bob-Signature` into the 64 digest bytes, or null. Bob's documentation
 * shows an HMAC-SHA512 over the payload but its example's output encoding is unconfirmed
 * (fact sheet: base64 "suggested"). Base64 (padded or not, standard or URL-safe) is the
 * primary form; a 128-character hex digest is accepted too, so a hex-sending Bob does not
 * make every delivery fail. Both encode the same HMAC, and the two forms cannot be confused
 * (hex is 128 characters, base64 of 64 bytes is 86 or 88), so accepting both does not
 * weaken the check.
 */
function decodeSignature(received: string): Buffer | null {
  if (/^[0-9a-f]{128}$/i.test(received)) return Buffer.from(received, "hex");
  if (!/^[A-Za-z0-9+/_-]{86}(==)?$/.test(received)) return null;
  const bytes = Buffer.from(received, "base64");
  return bytes.length === SHA512_BYTES ? bytes : null;
}

function actionOf(type: string): ChangeEvent["action"] | null {
  if (type === "employee.created") return "created";
  if (type === "employee.deleted") return "deleted";
  // joined, left, activated, inactivated, temporaryLeave and table entries (work history,
  // employment) all change a person Tandem re-reads, so they are updates.
  if (type.startsWith("employee.") || type.startsWith("table.entry.")) return "updated";
  return null;
}

/**
 * Verifies a Bob webhook delivery (payload v2) and parses its change.
 *
 * `Bob-Signature` is the HMAC-SHA512 of the raw body keyed with the webhook's secret,
 * compared in constant time. Bob signs no timestamp, so there is no replay window, and it
 * sends no delivery id: the id is derived from the signed bytes (`hibob:` + SHA-256 of the
 * body). A retry resends the same bytes and gets the same id; two changes differ at least in
 * `triggeredAt` (milliseconds), so identical bytes are one delivery however late they come:
 * the id is not `derivedDeliveryId` in the inbox's sense, and a replay is a duplicate. Two
 * changes in the same millisecond for the same person and type would be one; reconciliation
 * repairs that.
 *
 * Bob's connection "Ping test" carries no change; it is acknowledged with no events, signed
 * or not, so the webhook can be set up (Bob requires a 2xx to it).
 */
export function verifyHiBobWebhook(
  headers: Headers,
  rawBody: string,
  secret: string,
): WebhookVerification {
  const signature = headers.get("bob-signature");
  if (signature === null) {
    if (PING_BODIES.has(rawBody.trim())) return { ok: true, events: [] };
    return { ok: false, reason: "missing Bob-Signature header" };
  }
  const received = decodeSignature(signature.trim());
  if (received === null) return { ok: false, reason: "Bob-Signature is not a SHA-512 digest" };
  const expected = createHmac("sha512", secret).update(rawBody, "utf8").digest();
  if (!timingSafeEqual(expected, received)) {
    return { ok: false, reason: "signature does not match" };
  }
  if (PING_BODIES.has(rawBody.trim())) return { ok: true, events: [] };

  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    return { ok: false, authentic: true, reason: "body is not JSON" };
  }
  const event = HiBobEventV2.safeParse(json);
  if (!event.success) {
    const issue = event.error.issues[0];
    return {
      ok: false,
      authentic: true,
      reason: `not a Bob v2 webhook payload (${issue?.path.join(".") || "(root)"}: ${issue?.message ?? "invalid"})`,
    };
  }
  const action = actionOf(event.data.type);
  const employeeId = event.data.data.employeeId;
  if (action === null) return { ok: true, events: [] };
  if (employeeId === undefined) {
    return {
      ok: false,
      authentic: true,
      reason: `${event.data.type} event without data.employeeId`,
    };
  }
  return {
    ok: true,
    events: [
      {
        deliveryId: `hibob:${sha256Hex(rawBody)}`,
        derivedDeliveryId: false,
        entity: "employee",
        action,
        externalId: employeeId,
        changedAt: new Date(Date.parse(event.data.triggeredAt)).toISOString(),
      },
    ],
  };
}
