import { createHmac, hkdfSync } from "node:crypto";
import type { SecretKeys } from "@tandem/db";

/** The key that encrypts new payloads, and older ones that still decrypt what they encrypted. */
export interface CodecKeyring {
  current: CodecKey;
  previous: readonly CodecKey[];
}

export interface CodecKey {
  /** Names the key in a payload's metadata without revealing it. */
  id: string;
  key: Buffer;
}

/**
 * The HKDF purpose label. A codec key is derived from a secret key, never equal to it: a payload
 * key that leaks (a codec server, a debugging session) opens no sealed connection secret.
 */
const PURPOSE = "tandem temporal payload codec v1";

function deriveCodecKey(secretKey: Buffer): CodecKey {
  const key = Buffer.from(hkdfSync("sha256", secretKey, Buffer.alloc(0), PURPOSE, 32));
  const id = createHmac("sha256", key)
    .update("tandem temporal payload codec key id")
    .digest("base64url")
    .slice(0, 12);
  return { id, key };
}

/** The codec keyring of a secret keyring (TANDEM_SECRET_KEY and TANDEM_SECRET_KEYS_PREVIOUS). */
export function codecKeyringOf(secretKeys: SecretKeys): CodecKeyring {
  const ring = Buffer.isBuffer(secretKeys) ? { current: secretKeys, previous: [] } : secretKeys;
  return {
    current: deriveCodecKey(ring.current),
    previous: ring.previous.map(deriveCodecKey),
  };
}
