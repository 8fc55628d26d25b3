import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";

/**
 * Secrets at rest: AES-256-GCM under a 32-byte key. The sealed form is
 * `v2.<key id>.<iv>.<tag>.<ciphertext>` (base64url parts). The associated data binds the
 * ciphertext to its row and to where its secrets are sent, so a sealed value copied to another
 * connection or workspace, or left in place while the base URL is pointed elsewhere, no longer
 * opens. `v1.<iv>.<tag>.<ciphertext>` values (no key id, no binding) still open, under any key
 * of the ring; `resealConnectionSecrets` rewrites them as v2.
 */
const VERSION = "v2";
const LEGACY_VERSION = "v1";
const IV_BYTES = 12;
/** GCM accepts shorter tags unless told otherwise; a short tag is a forgery made easier. */
const TAG_BYTES = 16;

/** The key that seals, and older keys that still open what they sealed. */
export interface SecretKeyring {
  current: Buffer;
  previous: readonly Buffer[];
}

/** A single key is a keyring of one. */
export type SecretKeys = Buffer | SecretKeyring;

/** What a connection's sealed secrets are bound to. */
export interface SecretBinding {
  workspaceId: string;
  connectionId: string;
  kind: string;
  /** The connection's settings; the ones that decide where the secrets are sent are bound. */
  settings: Record<string, unknown>;
}

export class SealedSecretsError extends Error {
  override name = "SealedSecretsError";
}

export function parseSecretKey(base64Key: string): Buffer {
  const key = Buffer.from(base64Key.trim(), "base64");
  if (key.length !== 32) {
    throw new Error("TANDEM_SECRET_KEY must be 32 bytes, base64-encoded (openssl rand -base64 32)");
  }
  return key;
}

/** The current key and, comma-separated, the previous ones (TANDEM_SECRET_KEYS_PREVIOUS). */
export function parseSecretKeyring(current: string, previous = ""): SecretKeyring {
  return {
    current: parseSecretKey(current),
    previous: previous
      .split(",")
      .map((key) => key.trim())
      .filter((key) => key !== "")
      .map(parseSecretKey),
  };
}

function keyringOf(keys: SecretKeys): SecretKeyring {
  return Buffer.isBuffer(keys) ? { current: keys, previous: [] } : keys;
}

/** Names a key without revealing it: the first 12 base64url characters of an HMAC by it. */
export function secretKeyId(key: Buffer): string {
  return createHmac("sha256", key)
    .update("tandem sealed-secrets key id")
    .digest("base64url")
    .slice(0, 12);
}

/**
 * The associated data: the format header (version and key id) and the binding. `baseUrl` is
 * where every HTTP connector sends its credentials; `kind` decides how they are sent. A
 * PostgreSQL connection keeps its host inside the sealed connection string.
 */
function associatedData(keyId: string, binding: SecretBinding): Buffer {
  const baseUrl = binding.settings.baseUrl;
  return Buffer.from(
    JSON.stringify([
      VERSION,
      keyId,
      binding.workspaceId,
      binding.connectionId,
      binding.kind,
      typeof baseUrl === "string" ? baseUrl : null,
    ]),
    "utf8",
  );
}

/**
 * AES-256-GCM under the ring's current key, as `<version>.<key id>.<iv>.<tag>.<ciphertext>`
 * (base64url parts), with the associated data `aad` makes from the key id. Shared by every
 * sealed value at rest (connection secrets, raw webhook deliveries).
 */
export function sealBound(
  keys: SecretKeys,
  version: string,
  plaintext: string,
  aad: (keyId: string) => Buffer,
): string {
  const key = keyringOf(keys).current;
  const keyId = secretKeyId(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad(keyId));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [
    version,
    keyId,
    ...[iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString("base64url")),
  ].join(".");
}

/**
 * Opens what `sealBound` sealed: the key named by its id (a key outside the ring is refused
 * with its id), the tag checked against `aad`. Null when the tag does not verify: tampered, or
 * bound to something else.
 */
export function openBound(
  keys: SecretKeys,
  sealed: string,
  aad: (keyId: string) => Buffer,
): string | null {
  const ring = keyringOf(keys);
  const parts = sealed.split(".");
  const keyId = parts[1] ?? "";
  const key = [ring.current, ...ring.previous].find(
    (candidate) => secretKeyId(candidate) === keyId,
  );
  if (!key)
    throw new SealedSecretsError(
      `a sealed value could not be opened: key ${keyId} is not in TANDEM_SECRET_KEY or TANDEM_SECRET_KEYS_PREVIOUS`,
    );
  return decrypt(
    key,
    base64urlPart(parts[2], "iv", IV_BYTES),
    base64urlPart(parts[3], "tag", TAG_BYTES),
    base64urlPart(parts[4], "ciphertext"),
    aad(keyId),
  );
}

export function sealSecrets(
  keys: SecretKeys,
  secrets: Record<string, string>,
  binding: SecretBinding,
): string {
  return sealBound(keys, VERSION, JSON.stringify(secrets), (keyId) =>
    associatedData(keyId, binding),
  );
}

function decrypt(
  key: Buffer,
  iv: Buffer,
  tag: Buffer,
  ciphertext: Buffer,
  aad: Buffer | undefined,
): string | null {
  const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  decipher.setAuthTag(tag);
  if (aad) decipher.setAAD(aad);
  try {
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}

function base64urlPart(part: string | undefined, what: string, bytes?: number): Buffer {
  if (part === undefined || !/^[A-Za-z0-9_-]*$/.test(part))
    throw new SealedSecretsError(`a sealed value is malformed: bad ${what}`);
  const decoded = Buffer.from(part, "base64url");
  if (bytes !== undefined && decoded.length !== bytes)
    throw new SealedSecretsError(`a sealed value is malformed: the ${what} must be ${bytes} bytes`);
  return decoded;
}

export function openSecrets(
  keys: SecretKeys,
  sealed: string,
  binding: SecretBinding,
): Record<string, string> {
  const ring = keyringOf(keys);
  const parts = sealed.split(".");
  let plaintext: string | null;
  if (parts[0] === VERSION && parts.length === 5) {
    plaintext = openBound(keys, sealed, (keyId) => associatedData(keyId, binding));
    if (plaintext === null)
      throw new SealedSecretsError(
        "sealed secrets could not be opened: they were tampered with or belong to another connection, workspace or base URL",
      );
  } else if (parts[0] === LEGACY_VERSION && parts.length === 4) {
    const iv = base64urlPart(parts[1], "iv", IV_BYTES);
    const tag = base64urlPart(parts[2], "tag", TAG_BYTES);
    const ciphertext = base64urlPart(parts[3], "ciphertext");
    plaintext = null;
    for (const key of [ring.current, ...ring.previous]) {
      plaintext = decrypt(key, iv, tag, ciphertext, undefined);
      if (plaintext !== null) break;
    }
    if (plaintext === null)
      throw new SealedSecretsError(
        "sealed secrets could not be opened: wrong TANDEM_SECRET_KEY or tampered data",
      );
  } else {
    throw new SealedSecretsError("sealed secrets are not in the v2 (or legacy v1) format");
  }
  const parsed: unknown = JSON.parse(plaintext);
  if (typeof parsed !== "object" || parsed === null)
    throw new SealedSecretsError("sealed secrets are not an object");
  return Object.fromEntries(
    Object.entries(parsed).filter(
      (entry): entry is [string, string] => typeof entry[1] === "string",
    ),
  );
}

/** True when a sealed value is legacy v1 or sealed under a key other than the current one. */
export function needsResealing(keys: SecretKeys, sealed: string): boolean {
  const parts = sealed.split(".");
  return !(parts[0] === VERSION && parts[1] === secretKeyId(keyringOf(keys).current));
}

/** The binding of a stored connection row (its settings as stored, JSON). */
export function bindingOfConnectionRow(row: {
  id: string;
  workspaceId: string;
  kind: string;
  settings: string;
}): SecretBinding {
  return {
    workspaceId: row.workspaceId,
    connectionId: row.id,
    kind: row.kind,
    settings: JSON.parse(row.settings) as Record<string, unknown>,
  };
}
