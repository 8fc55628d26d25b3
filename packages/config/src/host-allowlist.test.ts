import { describe, expect, it } from "vitest";
import { DEV_STACK_PORTS } from "./dev-stack";
import { createHostAllowlist } from "./host-allowlist";
import { loadHostAllowlist, ServerEnvError } from "./server-env";

describe("the Host allowlist", () => {
  it("admits the public URL's host and port, and the other loopback names on that port", () => {
    const hosts = createHostAllowlist({ publicUrl: "http://127.0.0.1:3100", allowedHosts: "" });
    for (const host of ["127.0.0.1:3100", "localhost:3100", "LOCALHOST:3100", "[::1]:3100"])
      expect(hosts.admits(host), host).toBe(true);
    for (const host of ["127.0.0.1:3000", "127.0.0.1", "localhost:31000", "[::1]:3101"])
      expect(hosts.admits(host), host).toBe(false);
  });

  it("refuses a rebound name, a missing Host and malformed ones", () => {
    const hosts = createHostAllowlist({ publicUrl: "http://127.0.0.1:3000", allowedHosts: "" });
    for (const host of [
      "attacker.example:3000",
      "127.0.0.1.attacker.example:3000",
      "localhost.attacker.example:3000",
      "127.0.0.1:3000@attacker.example",
      "127.0.0.1:3000 attacker.example",
      "",
      null,
      undefined,
    ])
      expect(hosts.admits(host), String(host)).toBe(false);
  });

  it("admits a Host without port for a URL on the scheme's default port", () => {
    const hosts = createHostAllowlist({
      publicUrl: "https://tandem.example.com",
      webhookUrl: "http://hooks.example.com:8080",
      allowedHosts: "",
    });
    expect(hosts.admits("tandem.example.com")).toBe(true);
    expect(hosts.admits("tandem.example.com:443")).toBe(true);
    expect(hosts.admits("tandem.example.com.")).toBe(true);
    expect(hosts.admits("tandem.example.com:8443")).toBe(false);
    expect(hosts.admits("hooks.example.com:8080")).toBe(true);
    expect(hosts.admits("hooks.example.com")).toBe(false);
    expect(hosts.admits("localhost:443")).toBe(false);
  });

  it("adds TANDEM_ALLOWED_HOSTS: a bare name on any port, host:port on that port only", () => {
    const hosts = createHostAllowlist({
      publicUrl: "https://tandem.example.com",
      allowedHosts: " internal-lb , app.internal:9000,[fd00::1]:80",
    });
    expect(hosts.admits("internal-lb:1234")).toBe(true);
    expect(hosts.admits("internal-lb")).toBe(true);
    expect(hosts.admits("app.internal:9000")).toBe(true);
    expect(hosts.admits("app.internal:9001")).toBe(false);
    expect(hosts.admits("[fd00::1]")).toBe(true);
    expect(() =>
      createHostAllowlist({ publicUrl: "http://127.0.0.1:3000", allowedHosts: "a/b" }),
    ).toThrow(/"a\/b"/);
  });

  it("by default admits what the dev stack and the e2e stack are served at", () => {
    // scripts/stack sets TANDEM_PUBLIC_URL and TANDEM_WEBHOOK_URL to 127.0.0.1 on its ports
    // (e2e/playwright.config.ts moves them to 3100 and 3101).
    for (const [web, ingress] of [
      [DEV_STACK_PORTS.web.defaultPort, DEV_STACK_PORTS.ingress.defaultPort],
      [3100, 3101],
    ]) {
      const hosts = loadHostAllowlist({
        TANDEM_PUBLIC_URL: `http://127.0.0.1:${web}`,
        TANDEM_WEBHOOK_URL: `http://127.0.0.1:${ingress}`,
      });
      expect(hosts.admits(`127.0.0.1:${web}`)).toBe(true);
      expect(hosts.admits(`localhost:${web}`)).toBe(true);
      expect(hosts.admits(`127.0.0.1:${ingress}`)).toBe(true);
    }
    // Nothing set: the public URL's default, http://127.0.0.1:3000.
    expect(loadHostAllowlist({}).admits("127.0.0.1:3000")).toBe(true);
    expect(() => loadHostAllowlist({ TANDEM_ALLOWED_HOSTS: "not a host" })).toThrow(ServerEnvError);
  });
});
