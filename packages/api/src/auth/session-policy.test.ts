import { describe, expect, it } from "vitest";
import { isSessionLive, startingTimes, touchedTimes, type SessionPolicy } from "./session-policy";
import { newSessionToken, sessionIdOf } from "./session-token";

const MINUTE = 60_000;
const policy: SessionPolicy = {
  idleMs: 30 * MINUTE,
  absoluteMs: 120 * MINUTE,
  touchEveryMs: MINUTE,
};
const start = new Date("2026-12-01T09:00:00Z");
const at = (minutes: number) => new Date(start.getTime() + minutes * MINUTE);

describe("session expiry", () => {
  it("ends a session left idle past the idle timeout", () => {
    const times = startingTimes(start, policy);
    expect(isSessionLive(times, at(29))).toBe(true);
    expect(isSessionLive(times, at(30))).toBe(false);
  });

  it("pushes the idle timeout forward as the session is used", () => {
    const touched = touchedTimes(startingTimes(start, policy), at(20), policy);
    expect(touched?.idleExpiresAt).toEqual(at(50));
    expect(isSessionLive(touched!, at(45))).toBe(true);
  });

  it("ends a session at its absolute expiry however busy it is", () => {
    let times = startingTimes(start, policy);
    for (let minute = 20; minute < 120; minute += 20)
      times = touchedTimes(times, at(minute), policy)!;
    // The last touch (at 100 min) may not reach past the absolute expiry (120 min).
    expect(times.idleExpiresAt).toEqual(at(120));
    expect(isSessionLive(times, at(119))).toBe(true);
    expect(isSessionLive(times, at(120))).toBe(false);
  });

  it("writes a touch at most once per touch interval", () => {
    const times = startingTimes(start, policy);
    expect(touchedTimes(times, new Date(start.getTime() + 59_999), policy)).toBeNull();
    expect(touchedTimes(times, at(1), policy)).not.toBeNull();
  });
});

describe("session tokens", () => {
  it("are 256 random bits, stored only as their hash", () => {
    const token = newSessionToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newSessionToken()).not.toBe(token);
    const id = sessionIdOf(token);
    expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(id).not.toBe(token);
    expect(sessionIdOf(token)).toBe(id);
  });

  it("refuses anything that is not a token we could have issued", () => {
    for (const forged of ["", "short", `${newSessionToken()}x`, "a".repeat(42) + "="])
      expect(sessionIdOf(forged)).toBeNull();
  });
});
