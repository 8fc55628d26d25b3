import { TokenBuckets, type RateDecision, type TokenBucketOptions } from "../http/token-buckets";

/**
 * Per account (the normalized email, whether or not it exists, so a refusal says nothing about
 * existence): 10 attempts at once, then one every 30 s, so guessing a password is limited to
 * about 120 tries an hour while a person who mistypes a few times is never slowed. Per client
 * address: 30 at once, then one every 5 s, against one address trying many accounts.
 */
export const SIGN_IN_RATE_LIMITS: SignInRateLimitOptions = {
  perAccount: { capacity: 10, refillPerSecond: 1 / 30, maxKeys: 100_000 },
  perAddress: { capacity: 30, refillPerSecond: 1 / 5, maxKeys: 100_000 },
};

export interface SignInRateLimitOptions {
  perAccount: TokenBucketOptions;
  perAddress: TokenBucketOptions;
}

/** Counts every sign-in attempt, before any password is checked. In process, like ingress's. */
export class SignInRateLimits {
  private readonly perAccount: TokenBuckets;
  private readonly perAddress: TokenBuckets;

  constructor(now: () => number = Date.now, limits: SignInRateLimitOptions = SIGN_IN_RATE_LIMITS) {
    this.perAccount = new TokenBuckets(limits.perAccount, now);
    this.perAddress = new TokenBuckets(limits.perAddress, now);
  }

  admit(normalizedEmail: string, clientAddress: string): RateDecision {
    const byAddress = this.perAddress.take(clientAddress);
    if (!byAddress.allowed) return byAddress;
    return this.perAccount.take(normalizedEmail);
  }
}
