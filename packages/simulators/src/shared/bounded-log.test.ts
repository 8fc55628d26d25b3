import { describe, expect, it } from "vitest";
import { appendBounded } from "./bounded-log";

describe("appendBounded", () => {
  it("keeps every entry up to the limit, then drops the oldest tenth in place", () => {
    const log: number[] = [];
    const served = log;
    for (let entry = 1; entry <= 100; entry++) appendBounded(log, entry, 100);
    expect(log).toHaveLength(100);
    appendBounded(log, 101, 100);
    expect(served).toBe(log);
    expect(log).toHaveLength(90);
    expect(log[0]).toBe(12);
    expect(log.at(-1)).toBe(101);
  });
});
