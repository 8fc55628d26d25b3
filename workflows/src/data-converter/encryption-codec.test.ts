import { randomBytes } from "node:crypto";
import { defaultPayloadConverter, type Payload } from "@temporalio/common";
import { describe, expect, it } from "vitest";
import { parseSecretKeyring, sealSecrets, secretKeyId } from "@tandem/db";
import { codecKeyringOf } from "./codec-keyring";
import {
  ENCRYPTED_ENCODING,
  EncryptionCodec,
  KEY_ID_METADATA,
  PayloadDecryptionError,
} from "./encryption-codec";

const person = { firstName: "Ada", workEmail: "ada@example.com", salaryCents: 9_100_000 };

function codecFor(current: Buffer, previous: Buffer[] = []) {
  return new EncryptionCodec(codecKeyringOf({ current, previous }));
}

function metadataText(payload: Payload, key: string): string | undefined {
  const value = payload.metadata?.[key];
  return value ? Buffer.from(value).toString("utf8") : undefined;
}

describe("EncryptionCodec", () => {
  it("round-trips a payload, metadata included, and hides its value", async () => {
    const codec = codecFor(randomBytes(32));
    const plain = defaultPayloadConverter.toPayload(person);
    const [encrypted] = await codec.encode([plain]);
    if (!encrypted) throw new Error("no payload encoded");
    expect(metadataText(encrypted, "encoding")).toBe(ENCRYPTED_ENCODING);
    const raw = Buffer.from(encrypted.data ?? new Uint8Array()).toString("latin1");
    for (const value of ["Ada", "ada@example.com", "9100000", "json/plain"])
      expect(raw).not.toContain(value);
    const [decoded] = await codec.decode([encrypted]);
    expect(metadataText(decoded as Payload, "encoding")).toBe("json/plain");
    expect(defaultPayloadConverter.fromPayload(decoded as Payload)).toEqual(person);
  });

  it("names its key in the metadata, a key derived from the secret key and not equal to it", async () => {
    const secret = randomBytes(32);
    const keyring = codecKeyringOf(secret);
    const [encrypted] = await new EncryptionCodec(keyring).encode([
      defaultPayloadConverter.toPayload(person),
    ]);
    expect(metadataText(encrypted as Payload, KEY_ID_METADATA)).toBe(keyring.current.id);
    expect(keyring.current.key.equals(secret)).toBe(false);
    expect(keyring.current.id).not.toBe(secretKeyId(secret));
    // The same secret key always derives the same codec key (every process agrees).
    expect(codecKeyringOf(secret).current.key.equals(keyring.current.key)).toBe(true);
  });

  it("decrypts what an old key encrypted once that key is in TANDEM_SECRET_KEYS_PREVIOUS", async () => {
    const oldKey = randomBytes(32);
    const newKey = randomBytes(32);
    const [encrypted] = await codecFor(oldKey).encode([defaultPayloadConverter.toPayload(person)]);
    const rotated = parseSecretKeyring(newKey.toString("base64"), oldKey.toString("base64"));
    const [decoded] = await new EncryptionCodec(codecKeyringOf(rotated)).decode([
      encrypted as Payload,
    ]);
    expect(defaultPayloadConverter.fromPayload(decoded as Payload)).toEqual(person);
    await expect(codecFor(newKey).decode([encrypted as Payload])).rejects.toThrow(
      /is not derived from TANDEM_SECRET_KEY/,
    );
  });

  it("refuses a payload whose ciphertext or key id was altered", async () => {
    const key = randomBytes(32);
    const codec = codecFor(key);
    const [encrypted] = await codec.encode([defaultPayloadConverter.toPayload(person)]);
    if (!encrypted?.data) throw new Error("no payload encoded");
    const flipped = Buffer.from(encrypted.data);
    flipped[20] = (flipped[20] ?? 0) ^ 1;
    await expect(codec.decode([{ ...encrypted, data: flipped }])).rejects.toThrow(
      PayloadDecryptionError,
    );
    const other = randomBytes(32);
    const otherId = codecKeyringOf(other).current.id;
    const relabelled: Payload = {
      ...encrypted,
      metadata: { ...encrypted.metadata, [KEY_ID_METADATA]: Buffer.from(otherId) },
    };
    await expect(
      new EncryptionCodec(codecKeyringOf({ current: key, previous: [other] })).decode([relabelled]),
    ).rejects.toThrow(/does not authenticate/);
  });

  it("passes payloads it did not encrypt through decode (histories from before the codec)", async () => {
    const plain = defaultPayloadConverter.toPayload(person);
    const [decoded] = await codecFor(randomBytes(32)).decode([plain]);
    expect(decoded).toBe(plain);
  });

  it("is not the sealing of connection secrets: a sealed value names another key id", () => {
    const secret = randomBytes(32);
    const sealed = sealSecrets(
      secret,
      { apiKey: "k" },
      { workspaceId: "w", connectionId: "c", kind: "gusto", settings: {} },
    );
    expect(sealed.split(".")[1]).not.toBe(codecKeyringOf(secret).current.id);
  });
});
