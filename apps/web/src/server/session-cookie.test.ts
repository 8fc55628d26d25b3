import { describe, expect, it } from "vitest";
import {
  clearedSessionCookie,
  isHttps,
  sessionCookie,
  sessionTokenOf,
  SESSION_COOKIE,
} from "./session-cookie";

describe("the session cookie", () => {
  const now = new Date("2026-12-01T09:00:00Z");
  const expires = new Date(now.getTime() + 7 * 24 * 3600 * 1000);

  it("is httpOnly, SameSite=Lax, for the whole app, until the session's absolute expiry", () => {
    expect(sessionCookie("tok", expires, false, now)).toBe(
      `${SESSION_COOKIE}=tok; Path=/; HttpOnly; SameSite=Lax; Max-Age=604800`,
    );
  });

  it("is Secure when the request came over https", () => {
    expect(sessionCookie("tok", expires, true, now)).toMatch(/; Secure$/);
    expect(isHttps(new Request("https://tandem.example.com/api/auth/sign-in"))).toBe(true);
    expect(
      isHttps(
        new Request("http://10.0.0.5:3000/api/auth/sign-in", {
          headers: { "x-forwarded-proto": "https" },
        }),
      ),
    ).toBe(true);
    expect(isHttps(new Request("http://127.0.0.1:3000/api/auth/sign-in"))).toBe(false);
  });

  it("is removed on sign-out", () => {
    expect(clearedSessionCookie(true)).toBe(
      `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0; Secure`,
    );
  });

  it("is read from the Cookie header among others", () => {
    expect(sessionTokenOf(`a=1; ${SESSION_COOKIE}=abc_-9; b=2`)).toBe("abc_-9");
    expect(sessionTokenOf("a=1")).toBeNull();
    expect(sessionTokenOf(null)).toBeNull();
    expect(sessionTokenOf(`${SESSION_COOKIE}=`)).toBeNull();
  });
});
