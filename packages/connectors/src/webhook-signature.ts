import { createHash, createHmac, timingSafeEqual } from "node:crypto";

export function hmacSha256Hex(key: string, message: string): string {
  return createHmac("sha256", key).update(message, "utf8").digest("hex");
}

export function sha256Hex(message: string): string {
  return createHash("sha256").update(message, "utf8").digest("hex");
}

/** Constant-time comparison of a received hex signature with the expected one. */
export function hexSignaturesMatch(expectedHex: string, receivedHex: string): boolean {
  if (!/^[0-9a-f]+$/i.test(receivedHex)) return false;
  const expected = Buffer.from(expectedHex, "hex");
  const received = Buffer.from(receivedHex, "hex");
  return expected.length === received.length && timingSafeEqual(expected, received);
}
