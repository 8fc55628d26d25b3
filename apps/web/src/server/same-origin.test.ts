import { describe, expect, it } from "vitest";
import { isCrossOrigin } from "./same-origin";
import { safeNextPath } from "./safe-next-path";

const post = (headers: Record<string, string>, url = "http://127.0.0.1:3000/api/trpc/x") =>
  new Request(url, { method: "POST", headers });

describe("requests from another origin", () => {
  it("are refused when Origin names another site, or is null", () => {
    expect(isCrossOrigin(post({ origin: "https://evil.example" }))).toBe(true);
    expect(isCrossOrigin(post({ origin: "null" }))).toBe(true);
    expect(isCrossOrigin(post({ origin: "http://127.0.0.1:3001" }))).toBe(true);
  });

  it("are refused without Origin when Fetch Metadata says another site sent them", () => {
    expect(isCrossOrigin(post({ "sec-fetch-site": "cross-site" }))).toBe(true);
    expect(isCrossOrigin(post({ "sec-fetch-site": "same-site" }))).toBe(true);
    expect(isCrossOrigin(post({ "sec-fetch-site": "same-origin" }))).toBe(false);
  });

  it("pass from the app's own origin, as the URL, the Host header or the public URL names it", () => {
    expect(isCrossOrigin(post({ origin: "http://127.0.0.1:3000" }))).toBe(false);
    expect(
      isCrossOrigin(
        post(
          {
            origin: "https://tandem.example.com",
            host: "tandem.example.com",
            "x-forwarded-proto": "https",
          },
          "http://10.0.0.5:3000/api/trpc/x",
        ),
      ),
    ).toBe(false);
    expect(
      isCrossOrigin(
        post({ origin: "https://tandem.example.com" }, "http://10.0.0.5:3000/api/trpc/x"),
        "https://tandem.example.com/",
      ),
    ).toBe(false);
  });

  it("pass from clients that are not browsers (no Origin, no Fetch Metadata)", () => {
    expect(isCrossOrigin(post({}))).toBe(false);
  });
});

describe("where sign-in sends the browser next", () => {
  it("is a path of this app, never another site", () => {
    expect(safeNextPath("/mappings/abc?x=1")).toBe("/mappings/abc?x=1");
    for (const unsafe of [
      "https://evil.example/",
      "//evil.example/",
      "/\\evil.example",
      "",
      null,
      "/sign-in?next=/x",
      "/api/auth/sign-out",
    ])
      expect(safeNextPath(unsafe)).toBe("/");
  });
});
