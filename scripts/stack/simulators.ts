import path from "node:path";
import type { SimulatorsConfig } from "@tandem/simulators";
import type { ProcessGroup } from "./processes";
import { waitForHttp } from "./processes";
import type { DemoSecrets } from "./seed-demo";

/** Both demo systems start with the same people, as an employer's HRIS and payroll would. */
const DEMO_SEED = { count: 12, seed: 42 };

/** Starts the HRIS and payroll simulators in one child process, each on its own port. */
export async function startSimulators(
  group: ProcessGroup,
  root: string,
  options: {
    ports: { bamboohr: number; gusto: number };
    secrets: DemoSecrets;
    webhookUrls: { bamboohr: string; gusto: string };
  },
): Promise<void> {
  const config: SimulatorsConfig = {
    bamboohr: {
      port: options.ports.bamboohr,
      companyDomain: options.secrets.bamboohr.companyDomain,
      apiKey: options.secrets.bamboohr.apiKey,
      webhook: {
        url: options.webhookUrls.bamboohr,
        secret: options.secrets.bamboohr.webhookPrivateKey,
      },
      seed: DEMO_SEED,
    },
    gusto: {
      port: options.ports.gusto,
      companyId: options.secrets.gusto.companyId,
      accessToken: options.secrets.gusto.accessToken,
      systemAccessToken: options.secrets.gusto.systemAccessToken,
      webhook: {
        url: options.webhookUrls.gusto,
        secret: options.secrets.gusto.webhookVerificationToken,
      },
      seed: DEMO_SEED,
    },
  };
  const child = group.start(
    "simulator",
    path.join(root, "node_modules", ".bin", "tsx"),
    [path.join(root, "packages", "simulators", "src", "cli.ts")],
    { cwd: root, env: { ...process.env, TANDEM_SIMULATORS_CONFIG: JSON.stringify(config) } },
  );
  await Promise.all([
    waitForHttp(
      `http://127.0.0.1:${options.ports.bamboohr}/_admin/employees`,
      "HRIS simulator",
      30_000,
      child,
    ),
    waitForHttp(
      `http://127.0.0.1:${options.ports.gusto}/_admin/employees`,
      "payroll simulator",
      30_000,
      child,
    ),
  ]);
}
