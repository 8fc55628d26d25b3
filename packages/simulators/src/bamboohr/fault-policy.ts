import { sendEmpty } from "../shared/http";
import type { VendorFaultPolicy } from "../shared/faults";

/**
 * BambooHR publishes no rate limit. Integrations report that it throttles with `503` and a
 * `Retry-After` header (fact sheet §2, third-party), and its errors carry an empty body with
 * the explanation in `X-BambooHR-Error-Message`. The default budget below is the simulator's
 * own choice, not a BambooHR figure; set `faults.rateLimit.limit` to model a stricter one.
 */
export const bambooHrFaultPolicy: VendorFaultPolicy = {
  rateLimit: {
    defaultLimit: 100,
    defaultWindowMs: 60_000,
    headers: () => ({}),
    reject(response, state) {
      sendEmpty(response, 503, {
        "Retry-After": String(state.retryAfterSeconds),
        "X-BambooHR-Error-Message": "Too many requests; slow down and retry later.",
      });
    },
  },
  sendError(response, status, message, headers) {
    sendEmpty(response, status, { ...headers, "X-BambooHR-Error-Message": message });
  },
};
