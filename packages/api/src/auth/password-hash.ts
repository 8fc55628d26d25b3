import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";

/**
 * scrypt parameters for new password hashes. N = 2^15, r = 8, p = 3 is one of OWASP's
 * equivalent minimum settings (Password Storage Cheat Sheet): 32 MiB of memory per hash
 * (128 · N · r bytes), about 0.4 s on one core of the 2-core reference machine. It costs as much
 * CPU as N = 2^17, p = 1 with a quarter of the memory, so a burst of sign-ins cannot exhaust the
 * server's memory. The parameters are stored in each hash, so raising them later re-hashes a
 * password at its next sign-in (`needsRehash`).
 */
export const SCRYPT_PARAMETERS = { N: 2 ** 15, r: 8, p: 3, keyLength: 32, saltLength: 16 } as const;

/** Passwords shorter than this are refused (ASVS 5.0 6.2.1 asks for at least 8; we ask for 12). */
export const MIN_PASSWORD_LENGTH = 12;
/** Longer ones are refused too: scrypt reads the whole input, so a megabyte would cost CPU for nothing. */
export const MAX_PASSWORD_LENGTH = 1024;

interface ScryptHash {
  N: number;
  r: number;
  p: number;
  salt: Buffer;
  key: Buffer;
}

/** Stored as `scrypt$N$r$p$<salt base64>$<key base64>`. */
const HASH_FORMAT = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/;

function deriveKey(
  password: string,
  salt: Buffer,
  hash: Omit<ScryptHash, "salt" | "key">,
  keyLength: number,
) {
  const options: ScryptOptions = {
    N: hash.N,
    r: hash.r,
    p: hash.p,
    // Node refuses above 32 MiB by default, which is exactly 128 · N · r here.
    maxmem: 256 * hash.N * hash.r,
  };
  return new Promise<Buffer>((resolve, reject) => {
    scrypt(password.normalize("NFKC"), salt, keyLength, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

function parseHash(stored: string): ScryptHash | null {
  const match = HASH_FORMAT.exec(stored);
  if (!match) return null;
  const [, N, r, p, salt, key] = match;
  return {
    N: Number(N),
    r: Number(r),
    p: Number(p),
    salt: Buffer.from(salt ?? "", "base64"),
    key: Buffer.from(key ?? "", "base64"),
  };
}

/** A new salted hash of `password` under the current parameters. */
export async function hashPassword(password: string): Promise<string> {
  const { N, r, p, keyLength, saltLength } = SCRYPT_PARAMETERS;
  const salt = randomBytes(saltLength);
  const key = await deriveKey(password, salt, { N, r, p }, keyLength);
  return `scrypt$${N}$${r}$${p}$${salt.toString("base64")}$${key.toString("base64")}`;
}

/** Whether `password` is the one `stored` was made from; the keys are compared in constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const hash = parseHash(stored);
  if (!hash || hash.key.length === 0) return false;
  const key = await deriveKey(password, hash.salt, hash, hash.key.length);
  return timingSafeEqual(key, hash.key);
}

/** Whether a stored hash was made under other parameters than the current ones. */
export function needsRehash(stored: string): boolean {
  const hash = parseHash(stored);
  const { N, r, p, keyLength } = SCRYPT_PARAMETERS;
  return !hash || hash.N !== N || hash.r !== r || hash.p !== p || hash.key.length !== keyLength;
}

let dummyHash: Promise<string> | null = null;

/**
 * Spends the time a real verification takes, for an email that has no account, so how long a
 * refusal took says nothing about whether the account exists. Always false.
 */
export async function verifyAgainstDummyHash(password: string): Promise<false> {
  dummyHash ??= hashPassword(randomBytes(32).toString("base64"));
  await verifyPassword(password, await dummyHash);
  return false;
}
