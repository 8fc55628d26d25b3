// Sustained two-way throughput of the sync engine on real components: the BambooHR and Gusto
// simulators (real HTTP, signed webhooks), webhook ingress (real HTTP, the same handler the
// Next.js route calls), the app database, and a worker on a Temporal dev server (SQLite).
//   npx tsx bench/sync-throughput.ts [people=500] [--postgres URL] [--concurrency 16] [--batch 200]
//     [--in-process | --next] [--cpu-profile DIR]
// As deployed: webhooks reach the standalone ingress process (`npm run ingress`), and the worker
// runs in its own process (workflows/src/main.ts). With --next, webhooks reach the production
// build of the web app's route instead (`next start`, built first if its sources changed).
// With --in-process, ingress and the worker share this process with the simulators.
// 1. N people in the HRIS are linked to payroll (their first sync creates them there).
// 2. Burst from the HRIS: every person's last name edited through the simulator, as fast as
//    the HRIS takes edits; each edit fires a webhook, is written into payroll, and payroll's
//    webhook for that write comes back as an echo. An edit and its echo count as one event.
// 3. Mixed burst: half the people edited in the HRIS, the other half in payroll.
// Prints events per second from the first edit until the last commit, webhook-to-commit
// latency (inbox row stored → the write's audit row committed) p50/p99, and CPU per event of
// this process (ingress, worker, simulators) plus the Temporal server.
import http from "node:http";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { spawn, type ChildProcess } from "node:child_process";
import { Session } from "node:inspector/promises";
import proto from "@temporalio/proto";
import { TestWorkflowEnvironment } from "@temporalio/testing";
import { syncExecutorWorkflowId } from "@tandem/sync-core";
import { bundleWorkflows } from "@tandem/workflows";
import { createTestDatabase } from "@tandem/db/testing";
import {
  allRecordIds,
  editInVendor,
  eventually,
  startSyncHarness,
  temporalCliPath,
} from "@tandem/api/testing";
import { ensureWebBuild } from "../scripts/stack/web-build";

const args = process.argv.slice(2);
const option = (name: string) => {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
};
const people = Number(args.find((arg) => /^\d+$/.test(arg)) ?? 500);
const postgres = option("--postgres");
const concurrency = Number(option("--concurrency") ?? 16);
const batchSize = Number(option("--batch") ?? 200);
const editors = 16;
/** `--cpu-profile DIR`: a CPU profile of this process's main thread during each burst. */
const profileDir = option("--cpu-profile");
const inProcess = args.includes("--in-process");
/** Webhooks to the standalone ingress process (as the stack runs), or to the web app's route. */
const standaloneIngress = !inProcess && !args.includes("--next");

function percentile(sorted: number[], p: number): number {
  return (
    sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN
  );
}

/** CPU seconds used so far by the processes named (utime + stime from /proc). */
function cpuSecondsOf(pids: number[]): number {
  const ticks = 100;
  return pids.reduce((total, pid) => {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
      return total + (Number(fields[11]) + Number(fields[12])) / ticks;
    } catch {
      return total;
    }
  }, 0);
}

/** The Temporal dev server this bench started: its children that are neither web app nor worker. */
function temporalServerPids(): number[] {
  const ours = new Set([...(web?.pid ? processTree(web.pid) : []), worker?.pid]);
  return processTree(process.pid).filter((pid) => pid !== process.pid && !ours.has(pid));
}

/** Node options that let the bench profile a child during each burst (SIGWINCH on, SIGWINCH off). */
function profiledChild(): string[] {
  return profileDir ? ["--import", path.join(import.meta.dirname, "profile-on-signal.mjs")] : [];
}
function profileEnv(label: string): Record<string, string> {
  return profileDir
    ? { TANDEM_BENCH_PROFILE_DIR: profileDir, TANDEM_BENCH_PROFILE_LABEL: label }
    : {};
}

/**
 * The burst's edits, as editInVendor makes them but over kept-alive node:http connections: the
 * load generator shares the machine with what it measures, and fetch costs it more per request
 * than the simulator's own work.
 */
const editAgent = new http.Agent({ keepAlive: true, maxSockets: editors });
function editThroughAdmin(
  simulator: { url: string },
  id: string,
  fields: Record<string, unknown>,
): Promise<void> {
  const body = JSON.stringify(fields);
  return new Promise((resolve, reject) => {
    const request = http.request(
      `${simulator.url}/_admin/employees/${id}`,
      {
        method: "PATCH",
        agent: editAgent,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => {
          const status = response.statusCode ?? 0;
          if (status >= 200 && status < 300) resolve();
          else
            reject(new Error(`admin PATCH failed: ${status} ${Buffer.concat(chunks).toString()}`));
        });
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

async function inPool<T>(items: readonly T[], size: number, run: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: size }, async () => {
      for (let index = next++; index < items.length; index = next++) await run(items[index] as T);
    }),
  );
}

const root = path.join(import.meta.dirname, "..");

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** A process and all its descendants (next start runs the server in a child). */
function processTree(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const parent = Number(
        readFileSync(`/proc/${entry}/stat`, "utf8").split(") ")[1]?.split(" ")[1],
      );
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // the process ended meanwhile
    }
  }
  const tree = [pid];
  for (let index = 0; index < tree.length; index += 1)
    tree.push(...(children.get(tree[index] as number) ?? []));
  return tree;
}

if (!inProcess && !standaloneIngress) ensureWebBuild(root);
const webPort = inProcess ? 0 : await freePort();
const webUrl = `http://127.0.0.1:${webPort}`;

const env = await TestWorkflowEnvironment.createLocal({
  server: { executable: { type: "existing-path", path: temporalCliPath() } },
});
const databaseUrl = postgres
  ? await createTestDatabase(postgres)
  : `file:${path.join(mkdtempSync(path.join(tmpdir(), "tandem-bench-")), "bench.db")}`;
const harness = await startSyncHarness({
  databaseUrl,
  env,
  workflowBundle: await bundleWorkflows(),
  seedEmployees: people,
  engine: { concurrency, batchSize },
  externalWorker: !inProcess,
  ...(inProcess ? {} : { externalIngressUrl: webUrl }),
});

/** The worker process, started with the harness's environment; resolves once it polls. */
function startWorkerProcess(): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      ...profiledChild(),
      path.join(import.meta.dirname, "..", "workflows", "src", "main.ts"),
    ],
    {
      env: { ...process.env, ...harness.workerEnv, ...profileEnv("worker") },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`worker exited with ${code}`)));
    child.stdout?.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("worker: polling")) resolve(child);
    });
  });
}
const worker = inProcess ? null : await startWorkerProcess();

/** The production web app (`next start`), taking the vendors' webhooks; resolves once healthy. */
async function startWebProcess(): Promise<ChildProcess> {
  const next = ["start", "--port", String(webPort), "--hostname", "127.0.0.1"];
  // Profiled, node runs next's CLI itself with the profiling hook.
  const child = spawn(
    profileDir ? process.execPath : path.join(root, "node_modules", ".bin", "next"),
    profileDir
      ? [
          "--import",
          "tsx",
          ...profiledChild(),
          path.join(root, "node_modules", "next", "dist", "bin", "next"),
          ...next,
        ]
      : next,
    {
      cwd: path.join(root, "apps", "web"),
      env: {
        ...process.env,
        ...harness.workerEnv,
        TANDEM_PUBLIC_URL: webUrl,
        ...profileEnv("web"),
      },
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  await eventually(async () => {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}`);
    const response = await fetch(`${webUrl}/api/health`);
    if (!response.ok) throw new Error(`web app not ready: ${response.status}`);
  }, 120_000);
  return child;
}
/** The standalone ingress (`npm run ingress`); resolves once healthy. */
async function startIngressProcess(): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      ...profiledChild(),
      path.join(root, "packages", "api", "src", "ingress", "main.ts"),
    ],
    {
      env: {
        ...process.env,
        ...harness.workerEnv,
        TANDEM_INGRESS_HOST: "127.0.0.1",
        TANDEM_INGRESS_PORT: String(webPort),
        // The Host the ingress answers (anything else gets 421).
        TANDEM_WEBHOOK_URL: webUrl,
        ...profileEnv("ingress"),
      },
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  await eventually(async () => {
    if (child.exitCode !== null) throw new Error(`ingress exited with ${child.exitCode}`);
    const response = await fetch(`${webUrl}/api/health`);
    if (!response.ok) throw new Error(`ingress not ready: ${response.status}`);
  }, 60_000);
  return child;
}
const web = inProcess
  ? null
  : standaloneIngress
    ? await startIngressProcess()
    : await startWebProcess();
const { db, workspaceId } = harness;

/**
 * Every webhook (edits and the echoes of our writes) delivered and every queued change done.
 * Twice: an echo sent by a write just before the first check's end is delivered and settled by
 * the second, and a settled echo writes nothing, so it sends no further webhook.
 */
async function settled() {
  await harness.quiescent(600_000);
  await harness.quiescent(600_000);
}

interface Burst {
  name: string;
  edits: { system: "hris" | "payroll"; id: string; fields: Record<string, unknown> }[];
}

/** Vendor calls per event, by method and path shape (ids elided), from the simulators' logs. */
function vendorCallsSince(marks: { hris: number; payroll: number }, events: number): string {
  const counts = new Map<string, number>();
  for (const [name, handle] of [
    ["hris", harness.hris],
    ["payroll", harness.payroll],
  ] as const) {
    for (const entry of handle.state.requests.slice(marks[name])) {
      const shape = `${name} ${entry.method} ${entry.path.split("?")[0]?.replace(/\/[0-9a-f-]{6,}|\/\d+/g, "/:id")}`;
      counts.set(shape, (counts.get(shape) ?? 0) + 1);
    }
  }
  return [...counts]
    .sort((x, y) => y[1] - x[1])
    .map(([shape, count]) => `${(count / events).toFixed(2)} ${shape}`)
    .join("; ");
}

async function measure(burst: Burst) {
  const temporalPids = temporalServerPids();
  const pids = [
    process.pid,
    ...(worker?.pid ? [worker.pid] : []),
    ...(web?.pid ? processTree(web.pid) : []),
    ...temporalPids,
  ];
  const groups = {
    simulators: [process.pid],
    web: web?.pid ? processTree(web.pid) : [],
    worker: worker?.pid ? [worker.pid] : [],
    temporal: temporalPids,
  };
  const cpuBefore = cpuSecondsOf(pids);
  const groupCpuBefore = Object.fromEntries(
    Object.entries(groups).map(([name, group]) => [name, cpuSecondsOf(group)]),
  );
  const profiler = profileDir ? new Session() : null;
  const profiledChildren = [worker, web].filter((child) => child?.pid !== undefined);
  if (profiler && profileDir) {
    mkdirSync(profileDir, { recursive: true });
    for (const child of profiledChildren) child?.kill("SIGWINCH");
    profiler.connect();
    await profiler.post("Profiler.enable");
    await profiler.post("Profiler.start");
  }
  const marks = {
    hris: harness.hris.state.requests.length,
    payroll: harness.payroll.state.requests.length,
  };
  const startedAt = new Date();
  await inPool(burst.edits, editors, async (edit) => {
    await editThroughAdmin(
      edit.system === "hris" ? harness.hris : harness.payroll,
      edit.id,
      edit.fields,
    );
  });
  const editedAt = Date.now();
  // Settled: every edit and every echo of our writes delivered and applied or suppressed.
  await settled();
  const cpu = cpuSecondsOf(pids) - cpuBefore;
  const groupCpu = Object.entries(groups)
    .filter(([, group]) => group.length > 0)
    .map(
      ([name, group]) =>
        `${inProcess && name === "simulators" ? "this process" : standaloneIngress && name === "web" ? "ingress" : name} ${(((cpuSecondsOf(group) - (groupCpuBefore[name] ?? 0)) * 1000) / burst.edits.length).toFixed(1)}`,
    )
    .join(", ");
  if (profiler && profileDir) {
    const { profile } = await profiler.post("Profiler.stop");
    const file = path.join(profileDir, `${burst.name.replace(/\W+/g, "-")}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    profiler.disconnect();
    const before = readdirSync(profileDir).length;
    for (const child of profiledChildren) child?.kill("SIGWINCH");
    await eventually(() =>
      readdirSync(profileDir).length < before + profiledChildren.length
        ? Promise.reject(new Error("waiting for the children's profiles"))
        : Promise.resolve(),
    );
  }
  const steps = await db.syncEvent.findMany({
    where: { workspaceId, createdAt: { gte: startedAt }, status: "applied" },
    select: { id: true, createdAt: true },
  });
  const written = await db.auditEntry.findMany({
    // By time, not by step ids: a bound parameter per step exceeds SQLite's limit at 1000 people.
    where: { workspaceId, createdAt: { gte: startedAt }, outcome: "written" },
    select: { stepId: true, createdAt: true },
  });
  // The burst ends at its last commit (an echo's suppression), not when the polling noticed.
  const last = await db.auditEntry.aggregate({
    where: { workspaceId, createdAt: { gte: startedAt } },
    _max: { createdAt: true },
  });
  const elapsedMs = (last._max.createdAt?.getTime() ?? Date.now()) - startedAt.getTime();
  const storedAt = new Map(steps.map((step) => [step.id, step.createdAt.getTime()]));
  const latencies = [
    ...new Map(
      written
        .filter((row) => storedAt.has(row.stepId ?? ""))
        .map((row) => [
          row.stepId,
          row.createdAt.getTime() - (storedAt.get(row.stepId ?? "") ?? 0),
        ]),
    ).values(),
  ].sort((x, y) => x - y);
  const statuses = await db.syncEvent.groupBy({
    by: ["status"],
    where: { workspaceId, createdAt: { gte: startedAt } },
    _count: true,
  });
  console.log(
    `${burst.name}: ${burst.edits.length} edits in ${(elapsedMs / 1000).toFixed(1)} s → ${(burst.edits.length / (elapsedMs / 1000)).toFixed(0)} two-way events/s` +
      ` (edits issued in ${((editedAt - startedAt.getTime()) / 1000).toFixed(1)} s);` +
      ` webhook-to-commit p50 ${percentile(latencies, 50)} ms, p99 ${percentile(latencies, 99)} ms;` +
      ` CPU ${((cpu * 1000) / burst.edits.length).toFixed(1)} ms/event (${groupCpu});` +
      ` queue: ${statuses.map((s) => `${s.status} ${s._count}`).join(", ")}`,
  );
  console.log(`  vendor calls per event: ${vendorCallsSince(marks, burst.edits.length)}`);
  console.log(`  executor history: ${await executorEventsSince(startedAt)}`);
}

/** The executor's signals, drains and workflow tasks since then (its current run's history). */
async function executorEventsSince(since: Date): Promise<string> {
  const handle = env.client.workflow.getHandle(
    syncExecutorWorkflowId({ workspaceId, syncId: harness.syncId }),
  );
  const { events } = await handle.fetchHistory();
  const count = (type: proto.temporal.api.enums.v1.EventType) =>
    (events ?? []).filter(
      (event) =>
        event.eventType === type &&
        Number(event.eventTime?.seconds ?? 0) * 1000 >= since.getTime() - 1000,
    ).length;
  const { EventType } = proto.temporal.api.enums.v1;
  return [
    `${count(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED)} signals`,
    `${count(EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)} drains`,
    `${count(EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED)} workflow tasks`,
  ].join(", ");
}

try {
  console.log(
    `sync throughput: ${people} people, ${postgres ? "PostgreSQL" : "SQLite"} app database, Temporal dev server (SQLite), ${inProcess ? "ingress and worker in this process" : standaloneIngress ? "standalone ingress (npm run ingress) and worker in their own processes" : "web app (next start) and worker in their own processes"}, drain batch ${batchSize}, ${concurrency} records at once`,
  );
  const hrisPeople = await allRecordIds(harness.entities.hris);
  const createMarks = {
    hris: harness.hris.state.requests.length,
    payroll: harness.payroll.state.requests.length,
  };
  const createdAt = Date.now();
  await inPool(hrisPeople, editors, (id) =>
    editInVendor(harness.hris, id, { jobTitle: "Engineer II" }),
  );
  await settled();
  const links = await db.recordLink.findMany({
    where: { workspaceId },
    select: { aId: true, bId: true },
  });
  const pairs = links.filter((link) => link.aId && link.bId) as { aId: string; bId: string }[];
  console.log(
    `initial sync: ${pairs.length} people created in payroll in ${((Date.now() - createdAt) / 1000).toFixed(1)} s (${(pairs.length / ((Date.now() - createdAt) / 1000)).toFixed(0)}/s)`,
  );
  console.log(`  vendor calls per person: ${vendorCallsSince(createMarks, pairs.length)}`);

  // Not measured: the first burst after start-up also pays for JIT compilation and warming caches.
  const warmUpStartedAt = Date.now();
  await inPool(pairs, editors, (pair) =>
    editInVendor(harness.hris, pair.aId, { jobTitle: "Engineer III" }),
  );
  await settled();
  console.log(
    `warm-up: ${pairs.length} edits settled in ${((Date.now() - warmUpStartedAt) / 1000).toFixed(1)} s (not measured)`,
  );

  await measure({
    name: "HRIS burst",
    edits: pairs.map((pair, i) => ({
      system: "hris",
      id: pair.aId,
      fields: { lastName: `Burst-${i}` },
    })),
  });
  await measure({
    name: "mixed burst",
    edits: pairs.map((pair, i) =>
      i % 2 === 0
        ? { system: "hris", id: pair.aId, fields: { department: `Dept-${i % 7}` } }
        : { system: "payroll", id: pair.bId, fields: { preferred_first_name: `P${i}` } },
    ),
  });
} finally {
  worker?.kill("SIGTERM");
  web?.kill("SIGTERM");
  await harness.close();
  await env.teardown();
}
