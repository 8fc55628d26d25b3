import { describe, expect, it } from "vitest";
import { clientAddressOf, IngressRateLimits } from "./ingress-rate-limits";

const limits = {
  perConnection: { capacity: 2, refillPerSecond: 1, maxKeys: 100 },
  perAddress: { capacity: 3, refillPerSecond: 1, maxKeys: 100 },
};

describe("IngressRateLimits", () => {
  it("answers 429 with Retry-After once a connection's burst is spent, from any address", () => {
    const now = 0;
    const ingress = new IngressRateLimits(() => now, limits);
    expect(ingress.admit("conn-1", "198.51.100.1")).toBeNull();
    expect(ingress.admit("conn-1", "198.51.100.2")).toBeNull();
    expect(ingress.admit("conn-1", "198.51.100.3")).toEqual({
      status: 429,
      headers: { "Retry-After": "1" },
      body: { error: "too many requests, send again later" },
    });
    expect(ingress.admit("conn-2", "198.51.100.3")).toBeNull();
  });

  it("limits one address across connections", () => {
    const ingress = new IngressRateLimits(() => 0, limits);
    for (const connection of ["a", "b", "c"])
      expect(ingress.admit(connection, "203.0.113.9")).toBeNull();
    expect(ingress.admit("d", "203.0.113.9")?.status).toBe(429);
  });
});

describe("clientAddressOf", () => {
  it("takes the last X-Forwarded-For hop, which the client cannot choose", () => {
    expect(clientAddressOf(new Headers({ "x-forwarded-for": "1.2.3.4, 10.0.0.7" }))).toBe(
      "10.0.0.7",
    );
    expect(clientAddressOf(new Headers())).toBe("unknown");
  });
});
