import { z } from "zod";
import type { ChangeEvent, WebhookHandshake, WebhookVerification } from "../contract";
import { hexSignaturesMatch, hmacSha256Hex } from "../webhook-signature";

/** A Gusto event: the webhook payload, and a row of `GET /v1/events`. */
export const GustoEvent = z.object({
  uuid: z.string().min(1),
  event_type: z.string(),
  resource_type: z.string().optional(),
  resource_uuid: z.string().optional(),
  entity_type: z.string(),
  entity_uuid: z.string().min(1),
  timestamp: z.number().int(),
});
export type GustoEvent = z.infer<typeof GustoEvent>;

/**
 * Gusto's event types collapse onto three actions: lifecycle events such as
 * `employee.terminated`, `employee.rehired` or `employee.onboarded` (and their `_effective`
 * variants) are updates of the record, which Tandem re-reads anyway.
 */
function actionOf(eventType: string): ChangeEvent["action"] {
  if (eventType.endsWith(".created")) return "created";
  if (eventType.endsWith(".deleted")) return "deleted";
  return "updated";
}

/**
 * The sync entity each Gusto `entity_type` reports on. `EmployeeJobCompensation` events name a
 * compensation, a part of the employee record: the employee entity's `recordsConcerned`
 * resolves it. Gusto documents no job events; a job change arrives as `employee.updated`.
 */
const ENTITY_OF: Partial<Record<string, string>> = {
  Employee: "employee",
  EmployeeJobCompensation: "compensation",
  EmployeeBenefit: "employee_benefit",
};

/** The sync entity a Gusto event's `entity_type` reports on; undefined for the others. */
export function entityOfGustoEvent(entityType: string): string | undefined {
  return ENTITY_OF[entityType];
}

/**
 * Verifies a Gusto webhook delivery: `X-Gusto-Signature` is the hex HMAC-SHA256 of the raw
 * body keyed with the subscription's verification token. Gusto signs no timestamp, so there is
 * no replay window; duplicates are dropped by the delivery id (`gusto:` + the event uuid,
 * which stays the same across Gusto's retries).
 */
export function verifyGustoWebhook(
  headers: Headers,
  rawBody: string,
  verificationToken: string,
): WebhookVerification {
  const signature = headers.get("x-gusto-signature");
  if (signature === null) return { ok: false, reason: "missing X-Gusto-Signature header" };
  if (!hexSignaturesMatch(hmacSha256Hex(verificationToken, rawBody), signature.trim())) {
    return { ok: false, reason: "signature does not match" };
  }
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    return { ok: false, authentic: true, reason: "body is not JSON" };
  }
  const event = GustoEvent.safeParse(json);
  if (!event.success) return { ok: false, authentic: true, reason: "not a Gusto event payload" };
  const entity = entityOfGustoEvent(event.data.entity_type);
  if (entity === undefined) return { ok: true, events: [] };
  return {
    ok: true,
    events: [
      {
        deliveryId: `gusto:${event.data.uuid}`,
        derivedDeliveryId: false,
        entity,
        action: actionOf(event.data.event_type),
        externalId: event.data.entity_uuid,
        changedAt: new Date(event.data.timestamp * 1000).toISOString(),
      },
    ],
  };
}

const HandshakeBody = z.object({ verification_token: z.string().min(1) }).strict();

/**
 * Recognises the unsigned `{"verification_token": "…"}` POST Gusto sends once after a webhook
 * subscription is created; the token is then confirmed with
 * `PUT /v1/webhook_subscriptions/{uuid}/verify` and becomes the signing key.
 */
export function parseGustoVerificationHandshake(rawBody: string): WebhookHandshake | null {
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    return null;
  }
  const body = HandshakeBody.safeParse(json);
  return body.success ? { verificationToken: body.data.verification_token } : null;
}
