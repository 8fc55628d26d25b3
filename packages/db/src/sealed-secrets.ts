import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/**
 * Secrets at rest: AES-256-GCM with a 32-byte key from TANDEM_SECRET_KEY (base64). The sealed
 * form is `v1.<iv>.<tag>.<ciphertext>` in base64url, so a future key rotation can add `v2`.
 */
const VERSION = "v1";

export function parseSecretKey(base64Key: string): Buffer {
  const key = Buffer.from(base64Key, "base64");
  if (key.length !== 32) {
    throw new Error("TANDEM_SECRET_KEY must be 32 bytes, base64-encoded (openssl rand -base64 32)");
  }
  return key;
}

export function sealSecrets(key: Buffer, secrets: Record<string, string>): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const ciphertext = Buffer.concat([
    cipher.update(JSON.stringify(secrets), "utf8"),
    cipher.final(),
  ]);
  return [VERSION, iv, cipher.getAuthTag(), ciphertext]
    .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
    .join(".");
}

export function openSecrets(key: Buffer, sealed: string): Record<string, string> {
  const [version, iv, tag, ciphertext] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || !ciphertext) {
    throw new Error("sealed secrets are not in the v1 format");
  }
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  let plaintext: string;
  try {
    plaintext = Buffer.concat([
      decipher.update(Buffer.from(ciphertext, "base64url")),
      decipher.final(),
    ]).toString("utf8");
  } catch {
    throw new Error("sealed secrets could not be opened: wrong TANDEM_SECRET_KEY or tampered data");
  }
  const parsed: unknown = JSON.parse(plaintext);
  if (typeof parsed !== "object" || parsed === null)
    throw new Error("sealed secrets are not an object");
  return Object.fromEntries(
    Object.entries(parsed).filter(
      (entry): entry is [string, string] => typeof entry[1] === "string",
    ),
  );
}
