import { describe, expect, it } from "vitest";
import { createExecutorNudger } from "./dispatch";

const ref = { workspaceId: "w", syncId: "s" };
const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A signal the test settles by hand, and a clock and timer it moves by hand. */
function harness(minIntervalMs: number) {
  const signals: { resolve: () => void; reject: (error: Error) => void }[] = [];
  const waits: { ms: number; resolve: () => void }[] = [];
  let clock = 0;
  const nudger = createExecutorNudger(
    () => new Promise<void>((resolve, reject) => signals.push({ resolve, reject })),
    {
      minIntervalMs,
      now: () => clock,
      wait: (ms) => new Promise<void>((resolve) => waits.push({ ms, resolve })),
    },
  );
  return {
    nudger,
    signals,
    waits,
    advance: (ms: number) => {
      clock += ms;
    },
  };
}

describe("executor nudger", () => {
  it("answers a burst with the signal in flight and one trailing signal", async () => {
    const { nudger, signals } = harness(0);
    let done = 0;
    const nudges = Array.from({ length: 100 }, () => nudger.nudge([ref]).then(() => (done += 1)));
    await flush();
    expect(signals).toHaveLength(1);
    signals[0]?.resolve();
    await flush();
    expect(done).toBe(1);
    expect(signals).toHaveLength(2);
    signals[1]?.resolve();
    await Promise.all(nudges);
    expect(done).toBe(100);
    expect(signals).toHaveLength(2);
  });

  it("spaces two signals to one sync by the interval, so nudges in it wait for the next", async () => {
    const { nudger, signals, waits, advance } = harness(50);
    const first = nudger.nudge([ref]);
    await flush();
    advance(10);
    signals[0]?.resolve();
    await first;
    // 10 ms after the first signal started: a new nudge trails it, 40 ms later.
    const second = nudger.nudge([ref]);
    const third = nudger.nudge([ref]);
    await flush();
    expect(signals).toHaveLength(1);
    expect(waits.map((wait) => wait.ms)).toContain(40);
    advance(40);
    for (const wait of waits.splice(0)) wait.resolve();
    await flush();
    expect(signals).toHaveLength(2);
    signals[1]?.resolve();
    await Promise.all([second, third]);
    expect(signals).toHaveLength(2);
  });

  it("sends the trailing signal when the one in flight failed, and rejects only the failed nudge", async () => {
    const { nudger, signals } = harness(0);
    const first = nudger.nudge([ref]);
    const second = nudger.nudge([ref]);
    await flush();
    signals[0]?.reject(new Error("Temporal unavailable"));
    await expect(first).rejects.toThrow("Temporal unavailable");
    await flush();
    expect(signals).toHaveLength(2);
    signals[1]?.resolve();
    await expect(second).resolves.toBeUndefined();
  });

  it("signals different syncs independently", async () => {
    const { nudger, signals } = harness(50);
    const nudges = nudger.nudge([ref, { workspaceId: "w", syncId: "t" }]);
    await flush();
    expect(signals).toHaveLength(2);
    for (const signal of signals) signal.resolve();
    await nudges;
  });
});
