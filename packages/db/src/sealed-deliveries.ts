import { openBound, sealBound, SealedSecretsError, type SecretKeys } from "./sealed-secrets";

/**
 * A webhook delivery as received, for replay and forensics: its headers and raw body carry HR
 * data (and signatures), so they are sealed like connection secrets (AES-256-GCM under
 * TANDEM_SECRET_KEY, older keys of the ring still open them). The associated data binds the
 * sealed value to its inbox row, connection and workspace: copied to another row, it no longer
 * opens. Form: `d1.<key id>.<iv>.<tag>.<ciphertext>` (base64url parts).
 */
export interface RawDelivery {
  headers: Record<string, string>;
  body: string;
}

export interface DeliveryBinding {
  workspaceId: string;
  connectionId: string;
  /** The inbox row (WebhookEvent.id). */
  inboxId: string;
}

const VERSION = "d1";
/** Headers that authenticate us to nobody but could replay a session if they leaked. */
const DROPPED_HEADERS = new Set(["cookie", "authorization", "proxy-authorization"]);

function associatedData(keyId: string, binding: DeliveryBinding): Buffer {
  return Buffer.from(
    JSON.stringify([VERSION, keyId, binding.workspaceId, binding.connectionId, binding.inboxId]),
    "utf8",
  );
}

/** The headers worth keeping, lower-cased (signatures, timestamps, ids, content type). */
export function deliveryHeaders(headers: Headers): Record<string, string> {
  const kept: Record<string, string> = {};
  headers.forEach((value, name) => {
    if (!DROPPED_HEADERS.has(name.toLowerCase())) kept[name.toLowerCase()] = value;
  });
  return kept;
}

export function sealDelivery(
  keys: SecretKeys,
  delivery: RawDelivery,
  binding: DeliveryBinding,
): string {
  return sealBound(keys, VERSION, JSON.stringify(delivery), (keyId) =>
    associatedData(keyId, binding),
  );
}

export function openDelivery(
  keys: SecretKeys,
  sealed: string,
  binding: DeliveryBinding,
): RawDelivery {
  const parts = sealed.split(".");
  if (parts[0] !== VERSION || parts.length !== 5)
    throw new SealedSecretsError("a sealed delivery is not in the d1 format");
  const plaintext = openBound(keys, sealed, (keyId) => associatedData(keyId, binding));
  if (plaintext === null)
    throw new SealedSecretsError(
      "a sealed delivery could not be opened: it was tampered with or belongs to another inbox row",
    );
  const parsed = JSON.parse(plaintext) as Partial<RawDelivery>;
  return { headers: parsed.headers ?? {}, body: parsed.body ?? "" };
}
