import { describe, expect, it } from "vitest";
import { ConnectorError } from "./contract";
import { withRetries } from "./with-retries";

function failing(errors: Error[]) {
  let calls = 0;
  const operation = () => {
    const error = errors[calls++];
    return error ? Promise.reject(error) : Promise.resolve(calls);
  };
  return { operation, calls: () => calls };
}

const throttled = (retryAfterMs?: number) =>
  new ConnectorError("throttled", "retryable", {
    status: 429,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  });

describe("withRetries", () => {
  it("waits Retry-After when given and backs off exponentially otherwise", async () => {
    const waits: number[] = [];
    const { operation } = failing([throttled(1500), throttled(), throttled()]);
    const result = await withRetries(operation, {
      baseDelayMs: 100,
      sleep: (ms) => {
        waits.push(ms);
        return Promise.resolve();
      },
    });
    expect(result).toBe(4);
    expect(waits).toEqual([1500, 200, 400]);
  });

  it("does not retry permanent errors or foreign errors", async () => {
    const permanent = new ConnectorError("bad", "permanent", { status: 422 });
    const first = failing([permanent]);
    await expect(withRetries(first.operation, { sleep: () => Promise.resolve() })).rejects.toBe(
      permanent,
    );
    expect(first.calls()).toBe(1);
    const bug = new TypeError("bug");
    await expect(withRetries(failing([bug]).operation)).rejects.toBe(bug);
  });

  it("gives up after maxAttempts and hands back a Retry-After beyond maxDelayMs", async () => {
    const last = throttled(10);
    const exhausted = failing([throttled(10), last, throttled(10)]);
    await expect(
      withRetries(exhausted.operation, { maxAttempts: 2, sleep: () => Promise.resolve() }),
    ).rejects.toBe(last);
    const long = throttled(120_000);
    await expect(withRetries(failing([long]).operation, { maxDelayMs: 60_000 })).rejects.toBe(long);
  });
});
