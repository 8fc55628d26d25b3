import { sendJson } from "../shared/http";
import type { RateLimitState, VendorFaultPolicy } from "../shared/faults";

/**
 * Bob's throttle headers: `X-RateLimit-Limit`, `X-RateLimit-Remaining` and
 * `X-RateLimit-Reset` as Unix epoch seconds (third-party write-ups of apidocs.hibob.com's rate
 * limiting page; Bob itself documents only the 429). A 429 adds `Retry-After` in seconds.
 */
export function hibobRateLimitHeaders(state: RateLimitState): Record<string, string> {
  return {
    "X-RateLimit-Limit": String(state.limit),
    "X-RateLimit-Remaining": String(state.remaining),
    "X-RateLimit-Reset": String(Math.ceil(state.resetAt / 1000)),
  };
}

export function sendHiBobTooManyRequests(
  response: Parameters<typeof sendJson>[0],
  state: RateLimitState,
): void {
  sendJson(
    response,
    429,
    { key: "too_many_requests", error: "Too many requests. Retry after the rate limit resets." },
    { ...hibobRateLimitHeaders(state), "Retry-After": String(state.retryAfterSeconds) },
  );
}

/**
 * For the shared fault knobs. Bob limits each endpoint per minute; the knob's limiter counts
 * every vendor request in one window, so its default is the tightest published figure (50 a
 * minute, `/v1/people/search`). The people search limit itself is always on in the API
 * (see api.ts), knob or not.
 */
export const hibobFaultPolicy: VendorFaultPolicy = {
  rateLimit: {
    defaultLimit: 50,
    defaultWindowMs: 60_000,
    headers: hibobRateLimitHeaders,
    reject: sendHiBobTooManyRequests,
  },
  sendError(response, status, message, headers) {
    sendJson(
      response,
      status,
      { key: status === 503 ? "service_unavailable" : "internal_error", error: message },
      headers,
    );
  },
};
