import { TokenBuckets, type TokenBucketOptions } from "../http/token-buckets";
import type { WebhookResponse } from "./handle-webhook";

/**
 * Per connection: a vendor's burst (a bulk edit of a few thousand people notifies for each) and
 * a steady rate above what the engine sustains (measured ~150–250 changes/s on 2 cores), so a
 * real burst is never refused while a flood still is; per client address: several connections
 * share a vendor's senders.
 */
export const INGRESS_RATE_LIMITS: IngressRateLimitOptions = {
  perConnection: { capacity: 5_000, refillPerSecond: 1_000, maxKeys: 10_000 },
  perAddress: { capacity: 10_000, refillPerSecond: 2_000, maxKeys: 10_000 },
};

export interface IngressRateLimitOptions {
  perConnection: TokenBucketOptions;
  perAddress: TokenBucketOptions;
}

/**
 * Rate limits of webhook ingress, checked before the body is read: per connection id (from the
 * URL, so it holds whatever the sender claims to be) and per client address.
 */
export class IngressRateLimits {
  private readonly perConnection: TokenBuckets;
  private readonly perAddress: TokenBuckets;

  constructor(now: () => number = Date.now, limits: IngressRateLimitOptions = INGRESS_RATE_LIMITS) {
    this.perConnection = new TokenBuckets(limits.perConnection, now);
    this.perAddress = new TokenBuckets(limits.perAddress, now);
  }

  /** Null when the request may proceed, else the 429 to answer. */
  admit(connectionId: string, clientAddress: string): WebhookResponse | null {
    for (const decision of [
      this.perAddress.take(clientAddress),
      this.perConnection.take(connectionId),
    ]) {
      if (!decision.allowed)
        return {
          status: 429,
          headers: { "Retry-After": String(decision.retryAfterSeconds) },
          body: { error: "too many requests, send again later" },
        };
    }
    return null;
  }
}

/**
 * The client's address as the nearest proxy saw it: the last X-Forwarded-For hop (a client can
 * write the earlier ones itself). Without the header, every caller shares one bucket.
 */
export function clientAddressOf(headers: Headers): string {
  const hops = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((hop) => hop.trim())
    .filter((hop) => hop !== "");
  return hops.at(-1) ?? headers.get("x-real-ip") ?? "unknown";
}
