// SHA-256 computed synchronously everywhere: Node's own when the runtime offers it without an
// import (process.getBuiltinModule), else a self-contained FIPS 180-4 implementation, for the
// browser and sandboxes, where WebCrypto would force an async API. Both give the same digest.

const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

/** The message in UTF-8, padded to whole 64-byte blocks with the 0x80 marker and its bit length. */
function paddedMessage(text: string): Uint8Array {
  const encoder = new TextEncoder();
  // UTF-8 takes at most 3 bytes per UTF-16 code unit; 72 leaves room for the padding.
  const buffer = new Uint8Array(text.length * 3 + 72);
  const length = encoder.encodeInto(text, buffer).written;
  const blocks = Math.ceil((length + 9) / 64);
  const message = buffer.subarray(0, blocks * 64);
  message.fill(0, length);
  message[length] = 0x80;
  const view = new DataView(message.buffer, message.byteOffset, message.byteLength);
  view.setUint32(message.length - 8, Math.floor(length / 0x20000000));
  view.setUint32(message.length - 4, (length * 8) >>> 0);
  return message;
}

/**
 * Mixes one 64-byte block into `hash`. A function of its own, called per block, so the engine
 * optimizes it once instead of re-entering a half-warm loop in every call of `sha256Hex`.
 */
function compressBlock(hash: Int32Array, w: Int32Array, message: Uint8Array, offset: number): void {
  for (let i = 0, at = offset; i < 16; i++, at += 4) {
    w[i] =
      ((message[at] ?? 0) << 24) |
      ((message[at + 1] ?? 0) << 16) |
      ((message[at + 2] ?? 0) << 8) |
      (message[at + 3] ?? 0);
  }
  for (let i = 16; i < 64; i++) {
    const w15 = w[i - 15] ?? 0;
    const w2 = w[i - 2] ?? 0;
    const s0 = ((w15 >>> 7) | (w15 << 25)) ^ ((w15 >>> 18) | (w15 << 14)) ^ (w15 >>> 3);
    const s1 = ((w2 >>> 17) | (w2 << 15)) ^ ((w2 >>> 19) | (w2 << 13)) ^ (w2 >>> 10);
    w[i] = ((w[i - 16] ?? 0) + s0 + (w[i - 7] ?? 0) + s1) | 0;
  }
  let a = hash[0] ?? 0;
  let b = hash[1] ?? 0;
  let c = hash[2] ?? 0;
  let d = hash[3] ?? 0;
  let e = hash[4] ?? 0;
  let f = hash[5] ?? 0;
  let g = hash[6] ?? 0;
  let h = hash[7] ?? 0;
  for (let i = 0; i < 64; i++) {
    const s1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (h + s1 + ((e & f) ^ (~e & g)) + (K[i] ?? 0) + (w[i] ?? 0)) | 0;
    const s0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (s0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  hash[0] = ((hash[0] ?? 0) + a) | 0;
  hash[1] = ((hash[1] ?? 0) + b) | 0;
  hash[2] = ((hash[2] ?? 0) + c) | 0;
  hash[3] = ((hash[3] ?? 0) + d) | 0;
  hash[4] = ((hash[4] ?? 0) + e) | 0;
  hash[5] = ((hash[5] ?? 0) + f) | 0;
  hash[6] = ((hash[6] ?? 0) + g) | 0;
  hash[7] = ((hash[7] ?? 0) + h) | 0;
}

/** The portable implementation: SHA-256 of the UTF-8 encoding of `text`, as 64 hex digits. */
export function portableSha256Hex(text: string): string {
  const message = paddedMessage(text);
  const hash = new Int32Array([
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
  ]);
  const w = new Int32Array(64);
  for (let offset = 0; offset < message.length; offset += 64)
    compressBlock(hash, w, message, offset);
  return Array.from(hash, (word) => (word >>> 0).toString(16).padStart(8, "0")).join("");
}

interface NodeCrypto {
  createHash(algorithm: "sha256"): {
    update(text: string, encoding: "utf8"): { digest(encoding: "hex"): string };
  };
}

function nodeSha256Hex(): ((text: string) => string) | undefined {
  try {
    const runtime = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } })
      .process;
    const crypto = runtime?.getBuiltinModule?.("node:crypto") as NodeCrypto | undefined;
    if (typeof crypto?.createHash !== "function") return undefined;
    return (text) => crypto.createHash("sha256").update(text, "utf8").digest("hex");
  } catch {
    return undefined;
  }
}

/** SHA-256 of the UTF-8 encoding of `text`, as 64 lowercase hex digits. */
export const sha256Hex: (text: string) => string = nodeSha256Hex() ?? portableSha256Hex;
