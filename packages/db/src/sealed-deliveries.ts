import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { SealedSecretsError, secretKeyId, type SecretKeys } from "./sealed-secrets";

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
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Headers that authenticate us to nobody but could replay a session if they leaked. */
const DROPPED_HEADERS = new Set(["cookie", "authorization", "proxy-authorization"]);

function ringOf(keys: SecretKeys): Buffer[] {
  return Buffer.isBuffer(keys) ? [keys] : [keys.current, ...keys.previous];
}

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
  const key = ringOf(keys)[0] as Buffer;
  const keyId = secretKeyId(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(associatedData(keyId, binding));
  const ciphertext = Buffer.concat([
    cipher.update(JSON.stringify(delivery), "utf8"),
    cipher.final(),
  ]);
  return [
    VERSION,
    keyId,
    ...[iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString("base64url")),
  ].join(".");
}

export function openDelivery(
  keys: SecretKeys,
  sealed: string,
  binding: DeliveryBinding,
): RawDelivery {
  const [version, keyId, iv, tag, ciphertext] = sealed.split(".");
  if (version !== VERSION || !keyId || !iv || !tag || ciphertext === undefined)
    throw new SealedSecretsError("a sealed delivery is not in the d1 format");
  const key = ringOf(keys).find((candidate) => secretKeyId(candidate) === keyId);
  if (!key)
    throw new SealedSecretsError(
      `a sealed delivery could not be opened: key ${keyId} is not in TANDEM_SECRET_KEY or TANDEM_SECRET_KEYS_PREVIOUS`,
    );
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"), {
    authTagLength: TAG_BYTES,
  });
  decipher.setAAD(associatedData(keyId, binding));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  let plaintext: string;
  try {
    plaintext = Buffer.concat([
      decipher.update(Buffer.from(ciphertext, "base64url")),
      decipher.final(),
    ]).toString("utf8");
  } catch {
    throw new SealedSecretsError(
      "a sealed delivery could not be opened: it was tampered with or belongs to another inbox row",
    );
  }
  const parsed = JSON.parse(plaintext) as Partial<RawDelivery>;
  return { headers: parsed.headers ?? {}, body: parsed.body ?? "" };
}
