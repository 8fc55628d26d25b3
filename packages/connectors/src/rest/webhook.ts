import { createHmac, timingSafeEqual } from "node:crypto";
import type { ChangeEvent, WebhookVerification } from "../contract";
import { DEFAULT_WEBHOOK_PAYLOAD, type RestWebhookPayload } from "./rest-description";
import { readJsonPath } from "./normalize";

/** The reference libraries' replay window: deliveries signed further away, either way, fail. */
export const STANDARD_WEBHOOK_TOLERANCE_MS = 5 * 60 * 1000;

const SECRET_PREFIX = "whsec_";
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** `whsec_` + base64 (the prefix is optional, as in the reference libraries) → the HMAC key. */
export function standardWebhookKey(secret: string): Buffer | null {
  const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  if (!BASE64.test(encoded)) return null;
  const key = Buffer.from(encoded, "base64");
  return key.length === 0 ? null : key;
}

/** True when any `v1,<base64>` entry of the space-separated list equals `expected`. */
function anyV1SignatureMatches(header: string, expected: Buffer): boolean {
  let matched = false;
  for (const entry of header.split(" ")) {
    const comma = entry.indexOf(",");
    // `v1a` is the asymmetric (ed25519) scheme and anything else is unknown: skip both.
    if (comma < 0 || entry.slice(0, comma) !== "v1") continue;
    const encoded = entry.slice(comma + 1);
    if (!BASE64.test(encoded)) continue;
    const received = Buffer.from(encoded, "base64");
    if (received.length === expected.length && timingSafeEqual(received, expected)) {
      matched = true;
    }
  }
  return matched;
}

function changedAtOf(value: unknown, fallback: Date): string {
  if (typeof value === "number" && Number.isFinite(value)) {
    return new Date(value * 1000).toISOString();
  }
  if (typeof value === "string") {
    const at = Date.parse(value);
    if (!Number.isNaN(at)) return new Date(at).toISOString();
  }
  return fallback.toISOString();
}

/**
 * Verifies a Standard Webhooks delivery (standardwebhooks.com, spec v1.0.0) and parses its
 * employee event.
 *
 * - Headers `webhook-id`, `webhook-timestamp` (unix seconds, re-stamped on every attempt) and
 *   `webhook-signature`, a space-separated list of `v1,<base64>` entries; several entries
 *   mean a key rotation and any match is enough; `v1a` (ed25519) entries are ignored.
 * - Signed content `${id}.${timestamp}.${rawBody}`, HMAC-SHA256 keyed with the base64-decoded
 *   secret after its `whsec_` prefix, compared in constant time.
 * - A timestamp more than 5 minutes from `now`, either way, is refused as a replay.
 *
 * The delivery id is `webhook-id`, which the spec keeps identical across retries.
 * `payload` says where the event keeps its type, record id and change time; it defaults to
 * the spec's example shape `{type: "employee.updated", timestamp, data: {id}}`.
 */
export function verifyStandardWebhook(
  headers: Headers,
  rawBody: string,
  secret: string,
  now: Date = new Date(),
  payload: RestWebhookPayload = DEFAULT_WEBHOOK_PAYLOAD,
): WebhookVerification {
  const id = headers.get("webhook-id");
  const timestamp = headers.get("webhook-timestamp");
  const signature = headers.get("webhook-signature");
  if (id === null || timestamp === null || signature === null) {
    return {
      ok: false,
      reason: "missing webhook-id, webhook-timestamp or webhook-signature header",
    };
  }
  if (id === "" || id.includes(".")) return { ok: false, reason: "malformed webhook-id" };
  if (!/^\d{1,12}$/.test(timestamp)) {
    return { ok: false, reason: "webhook-timestamp is not unix seconds" };
  }
  const signedAt = new Date(Number(timestamp) * 1000);
  if (Math.abs(now.getTime() - signedAt.getTime()) > STANDARD_WEBHOOK_TOLERANCE_MS) {
    return { ok: false, reason: "webhook-timestamp outside the 5 minute tolerance" };
  }
  const key = standardWebhookKey(secret);
  if (key === null) return { ok: false, reason: "the webhook secret is not whsec_ + base64" };
  const expected = createHmac("sha256", key)
    .update(`${id}.${timestamp}.${rawBody}`, "utf8")
    .digest();
  if (!anyV1SignatureMatches(signature, expected)) {
    return { ok: false, reason: "no v1 signature matches" };
  }

  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    return { ok: false, authentic: true, reason: "body is not JSON" };
  }
  const type = readJsonPath(json, payload.typePath);
  if (typeof type !== "string") {
    return {
      ok: false,
      authentic: true,
      reason: `event has no string type at ${payload.typePath}`,
    };
  }
  const action = (["created", "updated", "deleted"] as const).find((candidate) =>
    payload.eventTypes[candidate].includes(type),
  );
  if (action === undefined) return { ok: true, events: [] };
  const externalId = readJsonPath(json, payload.idPath);
  if (typeof externalId !== "string" && typeof externalId !== "number") {
    return {
      ok: false,
      authentic: true,
      reason: `${type} event has no record id at ${payload.idPath}`,
    };
  }
  const event: ChangeEvent = {
    deliveryId: id,
    derivedDeliveryId: false,
    entity: "employee",
    action,
    externalId: String(externalId),
    changedAt: changedAtOf(readJsonPath(json, payload.changedAtPath), signedAt),
  };
  return { ok: true, events: [event] };
}
