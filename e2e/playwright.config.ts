import { defineConfig } from "@playwright/test";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
export const E2E_PORTS = {
  web: 3100,
  ingress: 3101,
  temporal: 7300,
  temporalUi: 8300,
  bamboohr: 4110,
  gusto: 4120,
};
export const E2E_DATA_DIR = path.join(root, ".data", "e2e");
/** The demo admin's signed-in browser state, saved by auth.setup.ts for every other spec. */
export const DEMO_ADMIN_STATE = path.join(E2E_DATA_DIR, "demo-admin.storage-state.json");

export default defineConfig({
  testDir: ".",
  outputDir: path.join(root, "test-results", "e2e"),
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 20_000 },
  reporter: [
    ["list"],
    ["html", { outputFolder: path.join(root, "playwright-report"), open: "never" }],
  ],
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORTS.web}`,
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
      ],
    },
  },
  projects: [
    { name: "sign-in", testMatch: /auth\.setup\.ts$/ },
    { name: "app", dependencies: ["sign-in"], use: { storageState: DEMO_ADMIN_STATE } },
  ],
  webServer: {
    // The whole stack as `npm start` runs it (reusing the stamped build npm test just made), with
    // a fresh data dir.
    command: `rm -rf ${E2E_DATA_DIR} && node_modules/.bin/tsx scripts/stack/main.ts --mode prod`,
    cwd: root,
    url: `http://127.0.0.1:${E2E_PORTS.web}/api/health`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
    env: {
      TANDEM_DATA_DIR: E2E_DATA_DIR,
      TANDEM_WEB_PORT: String(E2E_PORTS.web),
      TANDEM_INGRESS_PORT: String(E2E_PORTS.ingress),
      TANDEM_TEMPORAL_PORT: String(E2E_PORTS.temporal),
      TANDEM_TEMPORAL_UI_PORT: String(E2E_PORTS.temporalUi),
      TANDEM_BAMBOOHR_PORT: String(E2E_PORTS.bamboohr),
      TANDEM_GUSTO_PORT: String(E2E_PORTS.gusto),
      NEXT_TELEMETRY_DISABLED: "1",
    },
  },
});
