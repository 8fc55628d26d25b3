import { createHash, randomBytes } from "node:crypto";

/** 32 random bytes, base64url: what the session cookie carries. */
const TOKEN_FORMAT = /^[A-Za-z0-9_-]{43}$/;

export function newSessionToken(): string {
  return randomBytes(32).toString("base64url");
}

/**
 * The session's id in the database: the token's SHA-256. The token has 256 bits of entropy, so a
 * plain hash is enough (no salt, no stretching), and a leaked Session table signs no one in.
 * Null for anything that is not a token we could have issued.
 */
export function sessionIdOf(token: string): string | null {
  if (!TOKEN_FORMAT.test(token)) return null;
  return createHash("sha256").update(token).digest("base64url");
}
