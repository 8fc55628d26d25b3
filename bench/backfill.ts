// Backfill of one sync on real components: the BambooHR and Gusto simulators (real HTTP),
// the app database, and a worker on a Temporal dev server (SQLite).
//   npx tsx bench/backfill.ts [people=10000] [--page 250] [--pages-at-once 2] [--postgres URL]
// Both systems hold `people` employees: the same generated people, but for 2 % on each side
// that the other lacks; 5 % differ in pay (payroll owns pay) and 5 % in preferred name (the
// HRIS's value wins at first contact). All of it is set up before webhooks are wired. Then a
// dry run and a backfill run through the workflow; each prints elapsed seconds, records per
// second (pairs and unmatched records settled) and the counts per outcome. The backfill's
// writes come back as webhooks and the executor settles them meanwhile, as in production.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { TestWorkflowEnvironment } from "@temporalio/testing";
import { createTestDatabase } from "@tandem/db/testing";
import type { SimulatorHandle } from "@tandem/simulators";
import { syncBackfillWorkflowId } from "@tandem/sync-core";
import { BACKFILL_PROGRESS_QUERY, bundleWorkflows, type BackfillProgress } from "@tandem/workflows";
import { startBackfill } from "@tandem/workflows/backfill-client";
import {
  createInVendor,
  editInVendor,
  startSyncHarness,
  temporalCliPath,
  testDataConverter,
} from "@tandem/api/testing";

const args = process.argv.slice(2);
const option = (name: string) => {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
};
const people = Number(args.find((arg) => /^\d+$/.test(arg)) ?? 10_000);
const pageSize = Number(option("--page") ?? 250);
const pagesAtOnce = Number(option("--pages-at-once") ?? 2);
const postgres = option("--postgres");
const onlyOnOneSide = Math.round(people * 0.02);
const differing = Math.round(people * 0.05);

async function inPool<T>(items: readonly T[], size: number, run: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: size }, async () => {
      for (let index = next++; index < items.length; index = next++) await run(items[index] as T);
    }),
  );
}

async function prepare(vendors: {
  hris: SimulatorHandle<unknown>;
  payroll: SimulatorHandle<unknown>;
}) {
  const hris = vendors.hris.state.employees() as { id: string; workEmail: string }[];
  const payroll = vendors.payroll.state.employees() as { uuid: string; work_email: string }[];
  const payrollIds = new Map(payroll.map((employee) => [employee.work_email, employee.uuid]));
  const paired = hris.filter((employee) => payrollIds.has(employee.workEmail));
  const edits = [
    ...paired.slice(0, differing).map(
      (employee, i) => () =>
        editInVendor(vendors.payroll, payrollIds.get(employee.workEmail) ?? "", {
          rate: `${70_000 + i}.00`,
        }),
    ),
    ...paired
      .slice(differing, 2 * differing)
      .map(
        (employee, i) => () =>
          editInVendor(vendors.hris, employee.id, { preferredName: `Pref-${i}` }),
      ),
    ...Array.from(
      { length: onlyOnOneSide },
      (_, i) => () =>
        createInVendor(vendors.payroll, {
          first_name: "Only",
          last_name: `InPayroll-${i}`,
          work_email: `only-payroll-${i}@example.com`,
        }).then(() => undefined),
    ),
  ];
  await inPool(edits, 8, (edit) => edit());
}

const env = await TestWorkflowEnvironment.createLocal({
  server: { executable: { type: "existing-path", path: temporalCliPath() } },
  // Payloads are encrypted: the progress query's answer opens with the harness's key.
  client: { dataConverter: testDataConverter },
});
const databaseUrl = postgres
  ? await createTestDatabase(postgres)
  : `file:${path.join(mkdtempSync(path.join(tmpdir(), "tandem-bench-")), "bench.db")}`;
const setUpAt = Date.now();
const harness = await startSyncHarness({
  databaseUrl,
  env,
  workflowBundle: await bundleWorkflows(),
  seedEmployees: people,
  seedPayroll: people - onlyOnOneSide,
  prepareVendors: prepare,
});
const ref = { workspaceId: harness.workspaceId, syncId: harness.syncId };

async function run(mode: "dry-run" | "backfill"): Promise<void> {
  const startedAt = Date.now();
  await startBackfill(env.client, ref, mode, {
    taskQueue: harness.taskQueue,
    pageSize,
    pagesAtOnce,
  });
  const handle = env.client.workflow.getHandle(syncBackfillWorkflowId(ref, mode));
  // Phase timings, from the progress query (what the app shows), polled while it runs.
  const phases: string[] = [];
  let finished = false;
  const watching = (async () => {
    let phase = "";
    while (!finished) {
      const now = await handle.query<BackfillProgress>(BACKFILL_PROGRESS_QUERY).catch(() => null);
      if (now && now.phase !== phase) {
        phase = now.phase;
        phases.push(`${phase} at ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  })();
  const progress = (await handle.result()) as BackfillProgress;
  finished = true;
  await watching;
  const seconds = (Date.now() - startedAt) / 1000;
  console.log(`  ${mode} phases: ${phases.join(", ")}`);
  const listed = progress.listed.a + progress.listed.b;
  console.log(
    `${mode}: ${progress.total} pairs and unmatched records (${listed} records listed) in ${seconds.toFixed(1)} s → ${(progress.total / seconds).toFixed(0)} pairs/s, ${(listed / seconds).toFixed(0)} records/s; ` +
      Object.entries(progress.counts)
        .map(([outcome, count]) => `${outcome} ${count}`)
        .join(", "),
  );
}

try {
  console.log(
    `backfill: ${people} people a side (${onlyOnOneSide} only in each system, ${differing} differing in pay, ${differing} in preferred name), ${postgres ? "PostgreSQL" : "SQLite"} app database, Temporal dev server (SQLite), pages of ${pageSize}, ${pagesAtOnce} at once; set up in ${((Date.now() - setUpAt) / 1000).toFixed(1)} s`,
  );
  await run("dry-run");
  await run("backfill");
  const links = await harness.db.recordLink.count({ where: { workspaceId: ref.workspaceId } });
  console.log(`links after the backfill: ${links}`);
} finally {
  await harness.close();
  await env.teardown();
}
