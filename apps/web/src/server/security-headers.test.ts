import { describe, expect, it } from "vitest";
import config, { contentSecurityPolicy } from "../../next.config";

describe("security headers (next.config headers())", () => {
  it("refuse framing and sniffing and limit the referrer on every path", async () => {
    const rules = (await config.headers?.()) ?? [];
    const everywhere = rules.find((rule) => rule.source === "/:path*" && !rule.has);
    expect(Object.fromEntries(everywhere?.headers.map((h) => [h.key, h.value]) ?? [])).toEqual({
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "strict-origin-when-cross-origin",
      "X-Frame-Options": "DENY",
      "Content-Security-Policy": contentSecurityPolicy(false),
    });
  });

  it("allow scripts, requests and framing from this origin only, and no eval outside next dev", () => {
    const directives = new Map(
      contentSecurityPolicy(false)
        .split("; ")
        .map((directive) => {
          const [name, ...sources] = directive.split(" ");
          return [name, sources] as const;
        }),
    );
    expect(directives.get("default-src")).toEqual(["'self'"]);
    expect(directives.get("script-src")).toEqual(["'self'", "'unsafe-inline'"]);
    expect(directives.get("connect-src")).toEqual(["'self'"]);
    expect(directives.get("object-src")).toEqual(["'none'"]);
    expect(directives.get("base-uri")).toEqual(["'none'"]);
    expect(directives.get("frame-ancestors")).toEqual(["'none'"]);
    expect(contentSecurityPolicy(true)).toContain("'unsafe-eval'");
  });

  it("send HSTS only when the request came over https", async () => {
    const rules = (await config.headers?.()) ?? [];
    const hsts = rules.filter((rule) =>
      rule.headers.some((h) => h.key === "Strict-Transport-Security"),
    );
    expect(hsts).toHaveLength(1);
    expect(hsts[0]?.has).toEqual([{ type: "header", key: "x-forwarded-proto", value: "https" }]);
  });
});
