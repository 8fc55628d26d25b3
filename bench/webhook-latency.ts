// Webhook-to-write latency of the walking skeleton, on real components: an HRIS change fires
// a signed webhook → ingress verifies and stores it → Temporal workflow → activity writes the
// payroll simulator. Measured from the HRIS edit to the payroll PUT's arrival, one change at a
// time (latency, not throughput).
//   npx tsx bench/webhook-latency.ts [changes=100]
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { TestWorkflowEnvironment } from "@temporalio/testing";
import { bundleWorkflows } from "@tandem/workflows";
import { editInVendor, eventually, startSyncHarness, temporalCliPath } from "@tandem/api/testing";

const changes = Number(process.argv[2] ?? 100);
const warmUp = 5;

function percentile(sorted: number[], p: number): number {
  return (
    sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN
  );
}

const env = await TestWorkflowEnvironment.createLocal({
  server: { executable: { type: "existing-path", path: temporalCliPath() } },
});
const databaseUrl = `file:${path.join(mkdtempSync(path.join(tmpdir(), "tandem-bench-")), "bench.db")}`;
const harness = await startSyncHarness({
  databaseUrl,
  env,
  workflowBundle: await bundleWorkflows(),
  seedEmployees: 1,
});
try {
  const employee = (await harness.connectors.hris.listEmployees()).items[0];
  if (!employee) throw new Error("no seeded employee");
  const latencies: number[] = [];
  for (let i = 0; i < warmUp + changes; i += 1) {
    const lastName = `Bench${i}`;
    const startedAt = Date.now();
    await editInVendor(harness.hris, employee.externalId, { lastName });
    const put = await eventually(() => {
      const entry = harness.payroll.state.requests.find(
        (r) => r.method === "PUT" && Date.parse(r.time) >= startedAt,
      );
      const written = harness.payroll.state
        .employees()
        .some((e) => (e as { last_name?: string }).last_name === lastName);
      if (!entry || !written) throw new Error("not written yet");
      return Promise.resolve(entry);
    }, 60_000);
    if (i >= warmUp) latencies.push(Date.parse(put.time) - startedAt);
  }
  latencies.sort((a, b) => a - b);
  const mean = latencies.reduce((sum, v) => sum + v, 0) / latencies.length;
  console.log(
    `webhook-to-write latency over ${latencies.length} changes (SQLite, local Temporal dev server):`,
  );
  console.log(
    `  median ${percentile(latencies, 50)} ms · p90 ${percentile(latencies, 90)} ms · worst ${latencies.at(-1)} ms · mean ${mean.toFixed(1)} ms`,
  );
} finally {
  await harness.close();
  await env.teardown();
}
