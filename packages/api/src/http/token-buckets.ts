export interface TokenBucketOptions {
  /** The burst: requests allowed at once from a full bucket. */
  capacity: number;
  /** Sustained requests per second. */
  refillPerSecond: number;
  /** Buckets kept; the least recently used is forgotten first (a forgotten key starts full). */
  maxKeys: number;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * In-process token buckets, one per key. Each process (and each instance of the app) counts
 * on its own: enough to keep one caller from flooding one process, not a global quota.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly options: TokenBucketOptions,
    private readonly now: () => number = Date.now,
  ) {}

  take(key: string): RateDecision {
    const now = this.now();
    const { capacity, refillPerSecond } = this.options;
    const previous = this.buckets.get(key);
    const elapsedSeconds = previous ? Math.max(0, now - previous.updatedAt) / 1000 : 0;
    const tokens = Math.min(
      capacity,
      (previous?.tokens ?? capacity) + elapsedSeconds * refillPerSecond,
    );
    // Re-inserting keeps the map in least-recently-used order.
    this.buckets.delete(key);
    if (tokens < 1) {
      this.buckets.set(key, { tokens, updatedAt: now });
      return { allowed: false, retryAfterSeconds: Math.ceil((1 - tokens) / refillPerSecond) };
    }
    this.buckets.set(key, { tokens: tokens - 1, updatedAt: now });
    while (this.buckets.size > this.options.maxKeys) {
      const oldest = this.buckets.keys().next().value;
      if (oldest === undefined) break;
      this.buckets.delete(oldest);
    }
    return { allowed: true };
  }
}
