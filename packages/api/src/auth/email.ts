/**
 * The one spelling of an address that is stored and looked up: Unicode-normalized, trimmed and
 * lower-cased, so "Ada@Example.com " and "ada@example.com" are one account.
 */
export function normalizeEmail(raw: string): string {
  return raw.normalize("NFKC").trim().toLowerCase();
}

/** RFC 5321's limit on a whole address. */
export const MAX_EMAIL_LENGTH = 320;

/** Loose on purpose (one @, something on each side): the address is an identifier here, not a mailbox we write to. */
export function looksLikeEmail(normalized: string): boolean {
  return normalized.length <= MAX_EMAIL_LENGTH && /^[^\s@]+@[^\s@]+$/.test(normalized);
}
