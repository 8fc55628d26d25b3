import { describe, expect, it } from "vitest";
import { TokenBuckets } from "./token-buckets";

describe("TokenBuckets", () => {
  it("allows a burst, then refuses with the wait until the next token, then refills", () => {
    let now = 0;
    const buckets = new TokenBuckets({ capacity: 3, refillPerSecond: 0.5, maxKeys: 10 }, () => now);
    expect([1, 2, 3].map(() => buckets.take("a").allowed)).toEqual([true, true, true]);
    expect(buckets.take("a")).toEqual({ allowed: false, retryAfterSeconds: 2 });
    expect(buckets.take("b").allowed).toBe(true); // another key has its own bucket
    now += 2_000;
    expect(buckets.take("a").allowed).toBe(true);
    expect(buckets.take("a").allowed).toBe(false);
  });

  it("keeps at most maxKeys buckets, forgetting the least recently used", () => {
    const buckets = new TokenBuckets({ capacity: 1, refillPerSecond: 1, maxKeys: 2 }, () => 0);
    buckets.take("a");
    buckets.take("b");
    buckets.take("c"); // forgets "a"
    expect(buckets.take("a").allowed).toBe(true);
    expect(buckets.take("c").allowed).toBe(false);
  });
});
