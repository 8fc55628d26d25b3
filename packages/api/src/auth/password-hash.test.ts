import { describe, expect, it } from "vitest";
import {
  hashPassword,
  needsRehash,
  SCRYPT_PARAMETERS,
  verifyAgainstDummyHash,
  verifyPassword,
} from "./password-hash";

describe("password hashes (scrypt)", () => {
  it("verifies the password a hash was made from and nothing else", async () => {
    const stored = await hashPassword("correct horse battery staple");
    expect(await verifyPassword("correct horse battery staple", stored)).toBe(true);
    expect(await verifyPassword("correct horse battery stapler", stored)).toBe(false);
    expect(await verifyPassword("", stored)).toBe(false);
  });

  it("salts every hash and records its parameters in it", async () => {
    const [first, second] = await Promise.all([
      hashPassword("same password here"),
      hashPassword("same password here"),
    ]);
    expect(first).not.toBe(second);
    const { N, r, p } = SCRYPT_PARAMETERS;
    expect(first).toMatch(
      new RegExp(`^scrypt\\$${N}\\$${r}\\$${p}\\$[A-Za-z0-9+/=]{24}\\$[A-Za-z0-9+/=]{44}$`),
    );
    expect(needsRehash(first)).toBe(false);
  });

  it("reads the parameters from the stored hash, so older hashes still verify and are marked for re-hashing", async () => {
    const current = await hashPassword("an older password");
    const [, , , , salt] = current.split("$");
    // The same password under N = 2^14: built by hand the way an older release would have stored it.
    const { scryptSync } = await import("node:crypto");
    const key = scryptSync("an older password", Buffer.from(salt ?? "", "base64"), 32, {
      N: 2 ** 14,
      r: 8,
      p: 1,
    });
    const older = `scrypt$${2 ** 14}$8$1$${salt}$${key.toString("base64")}`;
    expect(await verifyPassword("an older password", older)).toBe(true);
    expect(needsRehash(older)).toBe(true);
  });

  it("refuses a stored value that is not a hash of ours", async () => {
    expect(await verifyPassword("anything", "plaintext")).toBe(false);
    expect(await verifyPassword("anything", "scrypt$16384$8$1$$")).toBe(false);
    expect(needsRehash("plaintext")).toBe(true);
  });

  it("treats Unicode spellings of one password as one (NFKC)", async () => {
    const stored = await hashPassword("cafe\u0301 au lait!");
    expect(await verifyPassword("caf\u00e9 au lait!", stored)).toBe(true);
  });

  it("answers false for the dummy hash whatever the password", async () => {
    expect(await verifyAgainstDummyHash("correct horse battery staple")).toBe(false);
    expect(await verifyAgainstDummyHash("")).toBe(false);
  });
});
