import { createCipheriv, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  needsResealing,
  openSecrets,
  parseSecretKeyring,
  sealSecrets,
  secretKeyId,
  SealedSecretsError,
  type SecretBinding,
} from "./sealed-secrets";

const key = randomBytes(32);
const secrets = { apiKey: "key-123", webhookPrivateKey: "whk-456" };
const binding: SecretBinding = {
  workspaceId: "ws-north",
  connectionId: "conn-1",
  kind: "bamboohr",
  settings: { baseUrl: "https://api.bamboohr.com", companyDomain: "acme" },
};

/** A value in the format sealed before associated data and key ids existed. */
function legacySeal(legacyKey: Buffer, value: Record<string, string>): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", legacyKey, iv);
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(value), "utf8"), cipher.final()]);
  return ["v1", iv, cipher.getAuthTag(), ciphertext]
    .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
    .join(".");
}

describe("sealed secrets", () => {
  it("open with the key and the binding they were sealed for, and name the key", () => {
    const sealed = sealSecrets(key, secrets, binding);
    expect(sealed).not.toContain("key-123");
    expect(sealed.split(".").slice(0, 2)).toEqual(["v2", secretKeyId(key)]);
    expect(openSecrets(key, sealed, binding)).toEqual(secrets);
  });

  it.each<[string, Partial<SecretBinding>]>([
    ["another connection", { connectionId: "conn-2" }],
    ["another workspace", { workspaceId: "ws-south" }],
    ["another kind", { kind: "rest" }],
    [
      "a base URL pointed elsewhere",
      { settings: { ...binding.settings, baseUrl: "https://evil.example" } },
    ],
    ["a base URL removed", { settings: { companyDomain: "acme" } }],
  ])("do not open when moved to %s", (_label, change) => {
    const sealed = sealSecrets(key, secrets, binding);
    expect(() => openSecrets(key, sealed, { ...binding, ...change })).toThrow(
      /belong to another connection, workspace or base URL/,
    );
  });

  it("ignore settings that do not decide where the secrets go", () => {
    const sealed = sealSecrets(key, secrets, binding);
    const renamed = { ...binding, settings: { ...binding.settings, companyDomain: "other" } };
    expect(openSecrets(key, sealed, renamed)).toEqual(secrets);
  });

  it("refuse a truncated tag, a forged key id and a wrong key", () => {
    const sealed = sealSecrets(key, secrets, binding);
    const parts = sealed.split(".");
    const shortTag = Buffer.from(parts[3] ?? "", "base64url")
      .subarray(0, 4)
      .toString("base64url");
    const truncated = [...parts.slice(0, 3), shortTag, parts[4]].join(".");
    expect(() => openSecrets(key, truncated, binding)).toThrow(/tag must be 16 bytes/);
    const otherKey = randomBytes(32);
    expect(() => openSecrets(otherKey, sealed, binding)).toThrow(/is not in TANDEM_SECRET_KEY/);
    const relabelled = ["v2", secretKeyId(otherKey), ...parts.slice(2)].join(".");
    expect(() => openSecrets(otherKey, relabelled, binding)).toThrow(SealedSecretsError);
  });

  it("rotate: a keyring seals under its current key and still opens what older keys sealed", () => {
    const oldKey = randomBytes(32);
    const newKey = randomBytes(32);
    const sealedOld = sealSecrets(oldKey, secrets, binding);
    const ring = parseSecretKeyring(newKey.toString("base64"), ` ${oldKey.toString("base64")} ,`);
    expect(openSecrets(ring, sealedOld, binding)).toEqual(secrets);
    expect(needsResealing(ring, sealedOld)).toBe(true);
    const sealedNew = sealSecrets(ring, secrets, binding);
    expect(needsResealing(ring, sealedNew)).toBe(false);
    expect(openSecrets(newKey, sealedNew, binding)).toEqual(secrets);
    expect(() => openSecrets(oldKey, sealedNew, binding)).toThrow(SealedSecretsError);
  });

  it("open legacy v1 values under any key of the ring, and mark them for resealing", () => {
    const oldKey = randomBytes(32);
    const legacy = legacySeal(oldKey, secrets);
    const ring = { current: key, previous: [oldKey] };
    expect(openSecrets(ring, legacy, binding)).toEqual(secrets);
    expect(needsResealing(ring, legacy)).toBe(true);
    expect(() => openSecrets(key, legacy, binding)).toThrow(/wrong TANDEM_SECRET_KEY/);
  });

  it("refuse a key that is not 32 bytes", () => {
    expect(() => parseSecretKeyring(randomBytes(16).toString("base64"))).toThrow(/32 bytes/);
  });
});
