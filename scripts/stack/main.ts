// The dev runner: starts everything Tandem needs on this machine and prints where it is.
//   tsx scripts/stack/main.ts [--mode dev|prod]
// dev: `next dev`; prod: `next start` on a production build, (re)built first when the
// sources changed since the last one (see web-build.ts).
// Temporal: a local dev server (state under the data dir) unless TEMPORAL_ADDRESS is set.
// Database: SQLite under the data dir unless DATABASE_URL is set (file: or postgresql://).
// Paths, ports and their variables: @tandem/config's dev-stack.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import {
  DEV_STACK_PORTS,
  DevStackEnvError,
  devStackOverrides,
  devStackPaths,
  devStackPorts,
} from "@tandem/config/dev-stack";
import { openMigratedDb, parseSecretKey } from "@tandem/db";
import { assertPortFree, ProcessGroup, StackError, waitForHttp, waitForPort } from "./processes";
import { loadOrCreateDemoSecrets, seedDemoAdmin, seedDemoWorkspace } from "./seed-demo";
import { startSimulators } from "./simulators";
import { ensureWebBuild } from "./web-build";

const root = path.resolve(import.meta.dirname, "..", "..");
const mode = process.argv.includes("--mode")
  ? process.argv[process.argv.indexOf("--mode") + 1]
  : "dev";
if (mode !== "dev" && mode !== "prod")
  throw new StackError(`--mode must be dev or prod, not ${mode}`);

const paths = devStackPaths(root);
const { dataDir, databaseUrl } = paths;
const overrides = devStackOverrides();

function secretKeyFor(file: string): string {
  if (overrides.secretKey) return overrides.secretKey;
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString("base64"), { mode: 0o600 });
  return readFileSync(file, "utf8").trim();
}

const group = new ProcessGroup();

async function main(): Promise<void> {
  const ports = devStackPorts();
  mkdirSync(dataDir, { recursive: true });
  const shutdown = () => void group.stop().then(() => process.exit(0));
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);

  const externalTemporal = overrides.temporalAddress;
  const portFree = (name: keyof typeof ports, what: string) =>
    assertPortFree(ports[name], what, DEV_STACK_PORTS[name].variable);
  await portFree("web", "web app");
  await portFree("ingress", "webhook ingress");
  await portFree("bamboohr", "HRIS simulator");
  await portFree("gusto", "payroll simulator");
  if (!externalTemporal) {
    await portFree("temporal", "Temporal");
    await portFree("temporalUi", "Temporal Web UI");
  }
  if (mode === "prod") ensureWebBuild(root);

  const secretKey = secretKeyFor(paths.secretKeyFile);
  const db = await openMigratedDb(databaseUrl).catch((error: unknown) => {
    const where = databaseUrl.startsWith("file:")
      ? databaseUrl
      : databaseUrl.replace(/\/\/[^@]*@/, "//***@");
    throw new StackError(
      `cannot open the database at ${where} (${error instanceof Error ? (error.message.trim().split("\n").pop() ?? "") : String(error)}); check DATABASE_URL`,
    );
  });

  const webUrl = `http://127.0.0.1:${ports.web}`;
  const ingressUrl = `http://127.0.0.1:${ports.ingress}`;
  let temporalAddress = externalTemporal ?? `127.0.0.1:${ports.temporal}`;
  if (!externalTemporal) {
    const temporalBin = execFileSync(
      "bash",
      [path.join(root, "scripts", "provision-temporal.sh")],
      { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
    ).trim();
    const temporal = group.start("temporal", temporalBin, [
      "server",
      "start-dev",
      "--db-filename",
      paths.temporalDbFile,
      "--ip",
      "127.0.0.1",
      "--port",
      String(ports.temporal),
      "--ui-port",
      String(ports.temporalUi),
      // The Web UI decodes the encrypted payloads through the web app (a signed-in operator).
      "--ui-codec-endpoint",
      `${webUrl}/api/temporal-codec`,
      "--log-level",
      "warn",
    ]);
    await waitForPort(ports.temporal, "Temporal dev server", 60_000, temporal);
    temporalAddress = `127.0.0.1:${ports.temporal}`;
  }

  const simulatorUrls = {
    bamboohr: `http://127.0.0.1:${ports.bamboohr}`,
    gusto: `http://127.0.0.1:${ports.gusto}`,
  };
  const demoSecrets = loadOrCreateDemoSecrets(paths.demoSecretsFile);
  const demo = await seedDemoWorkspace(db, parseSecretKey(secretKey), demoSecrets, simulatorUrls);
  const demoAdmin = await seedDemoAdmin(db, demo.workspaceId, paths.demoAdminFile);
  await db.$disconnect();

  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporalAddress,
    TANDEM_SECRET_KEY: secretKey,
    TANDEM_ALLOW_PRIVATE_NETWORK: "1",
    TANDEM_PUBLIC_URL: webUrl,
    TANDEM_WEBHOOK_URL: ingressUrl,
    TANDEM_INGRESS_PORT: String(ports.ingress),
    TANDEM_TEMPORAL_UI_ORIGIN: `http://127.0.0.1:${ports.temporalUi}`,
    NEXT_TELEMETRY_DISABLED: "1",
  };
  const tsx = path.join(root, "node_modules", ".bin", "tsx");
  // Webhooks go to the standalone ingress, not through the web framework (see README).
  const ingress = group.start(
    "ingress",
    tsx,
    [path.join(root, "packages", "api", "src", "ingress", "main.ts")],
    {
      env,
      cwd: root,
    },
  );
  await waitForHttp(`${ingressUrl}/api/health`, "webhook ingress", 60_000, ingress);
  await startSimulators(group, root, {
    ports: { bamboohr: ports.bamboohr, gusto: ports.gusto },
    secrets: demoSecrets,
    webhookUrls: {
      bamboohr: `${ingressUrl}/api/hooks/${demo.connections.bamboohr}`,
      gusto: `${ingressUrl}/api/hooks/${demo.connections.gusto}`,
    },
  });

  const next = path.join(root, "node_modules", ".bin", "next");
  const webDir = path.join(root, "apps", "web");
  group.start("worker", tsx, [path.join(root, "workflows", "src", "main.ts")], { env, cwd: root });
  const web = group.start(
    "web",
    next,
    [mode === "dev" ? "dev" : "start", "--port", String(ports.web), "--hostname", "127.0.0.1"],
    { env, cwd: webDir },
  );
  await waitForHttp(`${webUrl}/api/health`, "web app", 180_000, web);

  const urls = {
    web: webUrl,
    ingress: `${ingressUrl}/api/hooks/`,
    // The demo workspace's admin, to sign in at /sign-in.
    demoAdmin,
    temporalUi: externalTemporal ? null : `http://127.0.0.1:${ports.temporalUi}`,
    temporal: temporalAddress,
    database: databaseUrl.startsWith("file:")
      ? databaseUrl
      : databaseUrl.replace(/\/\/[^@]*@/, "//***@"),
    simulators: {
      bamboohr: {
        url: simulatorUrls.bamboohr,
        admin: `${simulatorUrls.bamboohr}/_admin/`,
        ...demoSecrets.bamboohr,
      },
      gusto: {
        url: simulatorUrls.gusto,
        admin: `${simulatorUrls.gusto}/_admin/`,
        ...demoSecrets.gusto,
      },
    },
    workspace: demo,
  };
  writeFileSync(paths.devJsonFile, JSON.stringify(urls, null, 2), { mode: 0o600 });
  console.log(
    [
      "",
      "Tandem is running:",
      `  app                ${urls.web}  (sign in as ${demoAdmin.email}, password in ${path.relative(process.cwd(), paths.devJsonFile)})`,
      `  workflow runs      ${urls.web}/runs`,
      `  webhook ingress    ${urls.ingress}`,
      urls.temporalUi
        ? `  Temporal Web UI    ${urls.temporalUi}`
        : `  Temporal           ${temporalAddress}`,
      `  HRIS simulator     ${urls.simulators.bamboohr.admin}`,
      `  payroll simulator  ${urls.simulators.gusto.admin}`,
      `URLs and demo credentials: ${path.relative(process.cwd(), paths.devJsonFile)}. Ctrl-C stops everything.`,
      "",
    ].join("\n"),
  );
}

main().catch(async (error: unknown) => {
  console.error(
    `tandem: ${error instanceof StackError || error instanceof DevStackEnvError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
  await group.stop();
  process.exit(1);
});
