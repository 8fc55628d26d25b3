import { sendJson } from "../shared/http";
import type { RateLimitState, VendorFaultPolicy } from "../shared/faults";

/**
 * Gusto: 200 requests per OAuth grant in a rolling 60 s window, then `429 Too Many Requests`
 * until the window frees up (docs.gusto.com "Rate limits"). Every answer carries
 * `X-RateLimit-Limit`, `X-RateLimit-Remaining` and `X-RateLimit-Reset` ("the datetime when the
 * rate limit window will reset"; the format is not given, ISO 8601 is used here), and only a
 * 429 carries `Retry-After` in seconds. The 429 body is not documented; it follows Gusto's
 * usual `{errors:[{error_key, category, message}]}` shape.
 */
function rateLimitHeaders(state: RateLimitState): Record<string, string> {
  return {
    "X-RateLimit-Limit": String(state.limit),
    "X-RateLimit-Remaining": String(state.remaining),
    "X-RateLimit-Reset": new Date(state.resetAt).toISOString(),
  };
}

export const gustoFaultPolicy: VendorFaultPolicy = {
  rateLimit: {
    defaultLimit: 200,
    defaultWindowMs: 60_000,
    headers: rateLimitHeaders,
    reject(response, state) {
      sendJson(
        response,
        429,
        {
          errors: [
            {
              error_key: "base",
              category: "rate_limit_exceeded",
              message: "Rate limit exceeded: 200 requests per 60 seconds. Retry later.",
            },
          ],
        },
        { ...rateLimitHeaders(state), "Retry-After": String(state.retryAfterSeconds) },
      );
    },
  },
  sendError(response, status, message, headers) {
    sendJson(
      response,
      status,
      { errors: [{ error_key: "base", category: "server_error", message }] },
      headers,
    );
  },
};
