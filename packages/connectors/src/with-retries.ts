import { ConnectorError } from "./contract";

export interface RetryOptions {
  /** Total tries, the first included. */
  maxAttempts?: number;
  /** Backoff before retry n (1-based) when the vendor gave no Retry-After: base × 2^(n-1). */
  baseDelayMs?: number;
  /** Longest wait this helper will sleep; a longer Retry-After is handed back to the caller. */
  maxDelayMs?: number;
  /** Injected in tests; defaults to a timer. */
  sleep?: (ms: number) => Promise<void>;
  /** Called before each wait, e.g. to log; `attempt` is the try that just failed. */
  onRetry?: (error: ConnectorError, delayMs: number, attempt: number) => void;
}

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `operation` and retries it while it fails with a retryable ConnectorError, waiting the
 * vendor's Retry-After when it sent one and exponential backoff otherwise. Permanent errors,
 * anything that is not a ConnectorError, the last attempt's error and a Retry-After longer
 * than `maxDelayMs` are thrown unchanged, so a durable caller (a workflow) can schedule the
 * retry itself instead of holding a worker.
 */
export async function withRetries<T>(
  operation: () => Promise<T>,
  options: RetryOptions = {},
): Promise<T> {
  const maxAttempts = options.maxAttempts ?? 4;
  const baseDelayMs = options.baseDelayMs ?? 250;
  const maxDelayMs = options.maxDelayMs ?? 30_000;
  const sleep = options.sleep ?? sleepFor;
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (!(error instanceof ConnectorError) || error.kind !== "retryable") throw error;
      if (attempt >= maxAttempts) throw error;
      const delayMs = error.details.retryAfterMs ?? baseDelayMs * 2 ** (attempt - 1);
      if (delayMs > maxDelayMs) throw error;
      options.onRetry?.(error, delayMs, attempt);
      await sleep(delayMs);
    }
  }
}
