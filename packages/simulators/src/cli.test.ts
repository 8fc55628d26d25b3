import { spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { describe, expect, it } from "vitest";

describe("simulators CLI", () => {
  it("starts both simulators, prints their URLs as one JSON line and stops on SIGTERM", async () => {
    const config = {
      bamboohr: { port: 0, companyDomain: "acme", apiKey: "k", seed: { count: 2, seed: 1 } },
      gusto: { port: 0, companyId: "c-1", accessToken: "t", systemAccessToken: "s" },
    };
    const child = spawn(process.execPath, ["--import", "tsx", "src/cli.ts"], {
      cwd: new URL("..", import.meta.url),
      env: { ...process.env, TANDEM_SIMULATORS_CONFIG: JSON.stringify(config) },
      stdio: ["ignore", "pipe", "inherit"],
    });
    const exited = once(child, "exit");
    const [line] = (await once(createInterface({ input: child.stdout }), "line")) as [string];
    const urls = JSON.parse(line) as { bamboohr: string; gusto: string };
    expect(Object.keys(urls)).toEqual(["bamboohr", "gusto"]);

    const bamboo = await fetch(`${urls.bamboohr}/_admin/employees`);
    expect((await bamboo.json()) as unknown[]).toHaveLength(2);
    const gusto = await fetch(`${urls.gusto}/v1/companies/c-1/employees`, {
      headers: { Authorization: "Bearer t" },
    });
    expect(gusto.status).toBe(200);
    const events = await fetch(`${urls.gusto}/v1/events`, {
      headers: { Authorization: "Bearer s" },
    });
    expect(events.status).toBe(200);

    child.kill("SIGTERM");
    const [code] = (await exited) as [number | null];
    expect(code).toBe(0);
  }, 20_000);
});
