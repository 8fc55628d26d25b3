/// <reference lib="dom" />
// Editor benchmark, in Debian's Chromium through Playwright against the production build:
//  - open time of a 500-field mapping (over 1,000 nodes and edges) until it is drawn and compiled;
//  - frame times while dragging a node and while panning that mapping;
//  - time from an edit in the inspector to the live preview showing its effect (40 fields).
// Saves screenshots to docs/screenshots/. Run: npx tsx bench/editor.ts [--no-build]
import { chromium, type Browser, type Page } from "@playwright/test";
import { syntheticMapping } from "@tandem/mapping/testing";
import { execFileSync, spawn } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const ports = { web: 3200, temporal: 7400, temporalUi: 8400, bamboohr: 4210, gusto: 4220 };
const base = `http://127.0.0.1:${ports.web}`;
const dataDir = path.join(root, ".data", "bench-editor");
const screenshots = path.join(root, "docs", "screenshots");

/** The demo admin's session (the stack seeds the admin and writes its password to dev.json). */
let session = "";
const SESSION_COOKIE = "tandem_session";

async function signInAsDemoAdmin(): Promise<void> {
  const devJson = path.join(dataDir, "dev.json");
  const deadline = Date.now() + 30_000;
  while (!existsSync(devJson)) {
    if (Date.now() > deadline) throw new Error(`the stack wrote no ${devJson}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const { demoAdmin } = JSON.parse(readFileSync(devJson, "utf8")) as {
    demoAdmin: { email: string; password: string };
  };
  const response = await fetch(`${base}/api/auth/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(demoAdmin),
  });
  const token = new RegExp(`${SESSION_COOKIE}=([^;]+)`).exec(
    response.headers.get("set-cookie") ?? "",
  )?.[1];
  if (!response.ok || !token) throw new Error(`demo admin sign-in failed: ${response.status}`);
  session = token;
}

/** A browser page signed in as the demo admin. */
async function signedInPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  await context.addCookies([{ name: SESSION_COOKIE, value: session, url: base }]);
  return context.newPage();
}

/** Calls a tRPC procedure over HTTP the way the web client does (superjson envelope). */
async function trpc<T>(kind: "query" | "mutation", procedure: string, input?: unknown): Promise<T> {
  const envelope = JSON.stringify({ json: input });
  const response =
    kind === "query"
      ? await fetch(
          `${base}/api/trpc/${procedure}${input === undefined ? "" : `?input=${encodeURIComponent(envelope)}`}`,
          { headers: { cookie: `${SESSION_COOKIE}=${session}` } },
        )
      : await fetch(`${base}/api/trpc/${procedure}`, {
          method: "POST",
          headers: { "content-type": "application/json", cookie: `${SESSION_COOKIE}=${session}` },
          body: envelope,
        });
  const body = (await response.json()) as { result?: { data: { json: T } }; error?: unknown };
  if (!body.result) throw new Error(`${procedure} failed: ${JSON.stringify(body.error)}`);
  return body.result.data.json;
}

async function waitForHealth(timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error("the stack did not come up");
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};

/** Records the time between animation frames while `gesture` runs. */
// Page scripts are strings: tsx would wrap named functions in a helper the page lacks.
const START_FRAME_RECORDING = `
  window.__frames = [];
  window.__recording = true;
  let last = performance.now();
  function tick(now) {
    window.__frames.push(now - last);
    last = now;
    if (window.__recording) requestAnimationFrame(tick);
  }
  requestAnimationFrame(tick);
`;
const STOP_FRAME_RECORDING = `window.__recording = false; window.__frames.slice(1)`;

/** Records the time between animation frames while `gesture` runs. */
async function frameTimes(page: Page, gesture: () => Promise<void>): Promise<number[]> {
  await page.evaluate(START_FRAME_RECORDING);
  await gesture();
  return page.evaluate<number[]>(STOP_FRAME_RECORDING);
}

function describeFrames(label: string, frames: number[]) {
  const over = frames.filter((ms) => ms > 50).length;
  console.log(
    `${label}: ${frames.length} frames, median ${percentile(frames, 50).toFixed(1)} ms, p95 ${percentile(frames, 95).toFixed(1)} ms, ` +
      `worst ${Math.max(...frames).toFixed(1)} ms, ${over} frame(s) over 50 ms`,
  );
}

async function drag(page: Page, from: { x: number; y: number }, by: { x: number; y: number }) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + by.x, from.y + by.y, { steps: 60 });
  await page.mouse.up();
}

async function benchLargeMapping(page: Page): Promise<string> {
  const document = syntheticMapping(500);
  const { id } = await trpc<{ id: string }>("mutation", "mappings.create", {
    name: "bench: 500 fields",
    document,
  });
  const opens: number[] = [];
  for (let run = 0; run < 6; run++) {
    await page.goto(`${base}/mappings/${id}`);
    await page.locator('[data-compiled="true"]').waitFor({ timeout: 60_000 });
    await page.getByTestId("rf__node-a").waitFor();
    opens.push(await page.evaluate<number>("performance.now()"));
  }
  const [cold = Number.NaN, ...warm] = opens;
  console.log(
    `open 500-field mapping (${document.nodes.length} nodes, ${document.edges.length} edges), navigation to drawn and compiled: ` +
      `first open ${cold.toFixed(0)} ms (empty browser cache), then median ${percentile(warm, 50).toFixed(0)} ms ` +
      `(runs ${warm.map((ms) => ms.toFixed(0)).join(", ")}; target < 2000 ms)`,
  );
  await page.screenshot({ path: path.join(screenshots, "editor-500-fields.png") });

  const node = page.locator('[data-testid^="rf__node-n"]').first();
  const box = (await node.boundingBox())!;
  describeFrames(
    "drag a node (60 mouse moves)",
    await frameTimes(page, () => drag(page, { x: box.x + 20, y: box.y + 8 }, { x: 160, y: 120 })),
  );
  const pane = (await page.locator(".react-flow__pane").boundingBox())!;
  describeFrames(
    "pan the canvas (60 mouse moves)",
    await frameTimes(page, () =>
      drag(
        page,
        { x: pane.x + pane.width - 40, y: pane.y + pane.height - 40 },
        { x: -400, y: -300 },
      ),
    ),
  );
  return id;
}

/** The way people open a mapping: a new browser, the mappings list, a click on its link. */
async function benchOpenFromList(browser: Browser, id: string) {
  const times: number[] = [];
  for (let run = 0; run < 3; run++) {
    const page = await signedInPage(browser);
    await page.goto(`${base}/mappings`);
    const link = page.locator(`a[href="/mappings/${id}"]`);
    await link.waitFor();
    await page.waitForLoadState("networkidle");
    const clickedAt = await page.evaluate<number>("performance.now()");
    await link.click();
    await page.locator('[data-compiled="true"]').waitFor({ timeout: 60_000 });
    times.push((await page.evaluate<number>("performance.now()")) - clickedAt);
    await page.context().close();
  }
  console.log(
    `open 500-field mapping from the mappings list in a new browser context (click to drawn and compiled): ` +
      `median ${percentile(times, 50).toFixed(0)} ms (runs ${times.map((ms) => ms.toFixed(0)).join(", ")}; target < 2000 ms)`,
  );
}

const PREVIEW_CELL = `[data-direction="aToB"] [data-preview-field="b_field_1"] [data-testid="preview-value"]`;
const WATCH_PREVIEW_CELL = `
  {
    const target = document.querySelector('${PREVIEW_CELL}');
    const before = target.textContent;
    window.__shownAt = new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        if (target.textContent !== before) {
          observer.disconnect();
          resolve(performance.now());
        }
      });
      observer.observe(target, { subtree: true, childList: true, characterData: true });
    });
    document.addEventListener("change", () => (window.__editAt = performance.now()), { capture: true, once: true });
  }
`;
const PREVIEW_LATENCY = `Promise.race([
  window.__shownAt.then((shownAt) => shownAt - window.__editAt),
  new Promise((_, reject) => setTimeout(() => reject(new Error("the preview did not change within 5 s")), 5000)),
])`;

async function benchPreviewLatency(page: Page) {
  const { id } = await trpc<{ id: string }>("mutation", "mappings.create", {
    name: "bench: 40 fields",
    document: syntheticMapping(40),
  });
  await page.goto(`${base}/mappings/${id}`);
  await page.locator('[data-compiled="true"]').waitFor();
  await page.getByRole("button", { name: "Preview" }).click();
  const cell = page.locator(PREVIEW_CELL);
  await cell.waitFor();
  await page.getByTestId("rf__node-n1").click();
  const latencies: number[] = [];
  // Rows used only A→B may share a target, so every edit below keeps the mapping valid.
  for (let row = 1; row <= 4; row++)
    await page.getByLabel(`Use row ${row} on the way back`).uncheck();
  const targets = ["active", "leave", "terminated", "pending"];
  const shownValue = async () =>
    (await cell.locator("span.font-mono").innerText()).replaceAll('"', "");
  // The row that maps the sample's value: the one whose target the preview shows now.
  const tos = page.locator('select[aria-label^="To value"]');
  const initial = await shownValue();
  const values = await Promise.all(
    Array.from({ length: await tos.count() }, (_, i) => tos.nth(i).inputValue()),
  );
  const row = values.indexOf(initial);
  if (row < 0) throw new Error(`no table row maps to ${initial}`);
  for (let run = 0; run < 8; run++) {
    const shown = await shownValue();
    const next = targets.find((value) => value !== shown)!;
    await page.evaluate(WATCH_PREVIEW_CELL);
    await page.getByLabel(`To value ${row + 1}`).selectOption(next);
    latencies.push(await page.evaluate<number>(PREVIEW_LATENCY));
  }
  console.log(
    `preview update after an edit (40-field mapping, enum map entry changed in the inspector): ` +
      `median ${percentile(latencies, 50).toFixed(0)} ms, worst ${Math.max(...latencies).toFixed(0)} ms over ${latencies.length} edits (target < 100 ms)`,
  );
  await page.screenshot({ path: path.join(screenshots, "editor-preview.png") });
}

async function screenshotTemplate(page: Page) {
  const templates = await trpc<{ id: string }[]>("query", "mappings.templates");
  const { id } = await trpc<{ id: string }>("mutation", "mappings.create", {
    name: "BambooHR ⇄ Gusto",
    templateId: templates[0]!.id,
  });
  await page.goto(`${base}/mappings/${id}`);
  await page.locator('[data-compiled="true"]').waitFor();
  await page.getByTestId("rf__node-pay-rate").click();
  await page.screenshot({ path: path.join(screenshots, "editor-template.png") });
}

async function main() {
  if (!process.argv.includes("--no-build"))
    execFileSync(path.join(root, "node_modules", ".bin", "next"), ["build"], {
      cwd: path.join(root, "apps", "web"),
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    });
  rmSync(dataDir, { recursive: true, force: true });
  const stack = spawn(
    path.join(root, "node_modules", ".bin", "tsx"),
    ["scripts/stack/main.ts", "--mode", "prod"],
    {
      cwd: root,
      detached: true,
      stdio: "ignore",
      env: {
        ...process.env,
        TANDEM_DATA_DIR: dataDir,
        TANDEM_WEB_PORT: String(ports.web),
        TANDEM_TEMPORAL_PORT: String(ports.temporal),
        TANDEM_TEMPORAL_UI_PORT: String(ports.temporalUi),
        TANDEM_BAMBOOHR_PORT: String(ports.bamboohr),
        TANDEM_GUSTO_PORT: String(ports.gusto),
      },
    },
  );
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu"],
  });
  try {
    await waitForHealth(180_000);
    await signInAsDemoAdmin();
    const page = await signedInPage(browser);
    await screenshotTemplate(page);
    const largeId = await benchLargeMapping(page);
    await benchOpenFromList(browser, largeId);
    await benchPreviewLatency(page);
  } finally {
    await browser.close();
    if (stack.pid) process.kill(-stack.pid, "SIGTERM");
  }
}

await main();
