import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import type { Payload, PayloadCodec } from "@temporalio/common";
import proto from "@temporalio/proto";
import type { CodecKeyring } from "./codec-keyring";

/** The `encoding` of an encrypted payload; the original payload (metadata too) is inside. */
export const ENCRYPTED_ENCODING = "binary/encrypted";
/** The metadata key naming the codec key that encrypted the payload. */
export const KEY_ID_METADATA = "encryption-key-id";

// A CommonJS package: under Node's ESM loader (the worker runs under tsx) only its default
// export is visible, so the namespace is taken from it.
const { Payload: PayloadMessage } = proto.temporal.api.common.v1;

const IV_BYTES = 12;
const TAG_BYTES = 16;

export class PayloadDecryptionError extends Error {
  override name = "PayloadDecryptionError";
}

const text = (value: Uint8Array | null | undefined) =>
  value ? Buffer.from(value).toString("utf8") : undefined;

/** The format and the key id are authenticated too: a payload relabelled to another key fails. */
function associatedData(keyId: string): Buffer {
  return Buffer.from(`${ENCRYPTED_ENCODING}\n${keyId}`, "utf8");
}

/**
 * AES-256-GCM over the whole serialized payload (its metadata says how the value was
 * converted, which is data too). The data is `iv | ciphertext | tag`. Payloads in another
 * encoding pass through decode untouched: histories written before the codec was deployed, and
 * search attributes, which Temporal never sends through codecs, stay readable.
 */
export class EncryptionCodec implements PayloadCodec {
  constructor(private readonly keyring: CodecKeyring) {}

  // eslint-disable-next-line @typescript-eslint/require-await -- the interface is async; a throw must reject
  async encode(payloads: Payload[]): Promise<Payload[]> {
    const { id, key } = this.keyring.current;
    return payloads.map((payload) => {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(associatedData(id));
      const ciphertext = Buffer.concat([
        cipher.update(PayloadMessage.encode(payload).finish()),
        cipher.final(),
      ]);
      return {
        metadata: {
          encoding: Buffer.from(ENCRYPTED_ENCODING),
          [KEY_ID_METADATA]: Buffer.from(id),
        },
        data: Buffer.concat([iv, ciphertext, cipher.getAuthTag()]),
      };
    });
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- the interface is async; a throw must reject
  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.decodeOne(payload));
  }

  private decodeOne(payload: Payload): Payload {
    if (text(payload.metadata?.encoding) !== ENCRYPTED_ENCODING) return payload;
    const keyId = text(payload.metadata?.[KEY_ID_METADATA]);
    if (keyId === undefined)
      throw new PayloadDecryptionError("an encrypted payload names no encryption key");
    const key = [this.keyring.current, ...this.keyring.previous].find(
      (candidate) => candidate.id === keyId,
    );
    if (!key)
      throw new PayloadDecryptionError(
        `payload encryption key ${keyId} is not derived from TANDEM_SECRET_KEY or TANDEM_SECRET_KEYS_PREVIOUS`,
      );
    const data = Buffer.from(payload.data ?? new Uint8Array());
    if (data.length < IV_BYTES + TAG_BYTES)
      throw new PayloadDecryptionError("an encrypted payload is too short");
    const decipher = createDecipheriv("aes-256-gcm", key.key, data.subarray(0, IV_BYTES), {
      authTagLength: TAG_BYTES,
    });
    decipher.setAAD(associatedData(keyId));
    decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
    let plaintext: Buffer;
    try {
      plaintext = Buffer.concat([
        decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)),
        decipher.final(),
      ]);
    } catch {
      throw new PayloadDecryptionError(
        `an encrypted payload under key ${keyId} does not authenticate: it was altered`,
      );
    }
    return PayloadMessage.decode(plaintext);
  }
}
