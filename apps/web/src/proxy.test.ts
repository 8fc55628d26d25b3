import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { proxy } from "./proxy";

const at = (host: string) =>
  proxy(new NextRequest("http://127.0.0.1:3000/mappings", { headers: { host } }));

describe("the proxy's Host allowlist (TANDEM_PUBLIC_URL's default, http://127.0.0.1:3000)", () => {
  it("answers 421 to another name, and passes the app's own on", async () => {
    const rebound = at("attacker.example:3000");
    expect(rebound.status).toBe(421);
    expect(await rebound.json()).toMatchObject({ error: /misdirected/ });
    for (const host of ["127.0.0.1:3000", "localhost:3000"]) {
      const passed = at(host);
      expect(passed.status, host).toBe(200);
      expect(passed.headers.get("x-middleware-next"), host).toBe("1");
    }
  });
});
