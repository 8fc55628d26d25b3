import { describe, expect, it } from "vitest";
import { createExecutorNudger } from "./dispatch";

const ref = { workspaceId: "w", syncId: "s" };
const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A signal the test settles by hand, and a clock and timer it moves by hand. */
function harness(minIntervalMs: number, maxIntervalMs?: number) {
  const signals: { resolve: () => void; reject: (error: Error) => void }[] = [];
  const waits: { ms: number; resolve: () => void }[] = [];
  let clock = 0;
  const nudger = createExecutorNudger(
    () => new Promise<void>((resolve, reject) => signals.push({ resolve, reject })),
    {
      minIntervalMs,
      ...(maxIntervalMs === undefined ? {} : { maxIntervalMs }),
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

  it("doubles the spacing while nudges keep coming, up to the cap, and resets after a quiet hold", async () => {
    const { nudger, signals, waits, advance } = harness(50, 200);
    /** Nudges once, lets the signal in flight finish, and returns the hold the next one waits. */
    const nudgeDuringHold = async () => {
      const nudge = nudger.nudge([ref]);
      await flush();
      signals.at(-1)?.resolve();
      await flush();
      const hold = waits.at(-1)?.ms;
      return { nudge, hold };
    };
    const spacings: (number | undefined)[] = [];
    void nudger.nudge([ref]);
    await flush();
    for (let round = 0; round < 4; round += 1) {
      const { nudge, hold } = await nudgeDuringHold();
      spacings.push(hold);
      advance(hold ?? 0);
      for (const wait of waits.splice(0)) wait.resolve();
      await flush();
      signals.at(-1)?.resolve();
      await nudge;
    }
    expect(spacings).toEqual([50, 100, 200, 200]);
    // The last hold passes with no nudge: the key is released, and the next nudge signals at once.
    await flush();
    advance(200);
    for (const wait of waits.splice(0)) wait.resolve();
    await flush();
    const before = signals.length;
    const lone = nudger.nudge([ref]);
    await flush();
    expect(signals).toHaveLength(before + 1);
    signals.at(-1)?.resolve();
    await lone;
    const { hold } = await nudgeDuringHold();
    expect(hold).toBe(50);
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
