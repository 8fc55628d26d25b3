// Mapping benchmark: compile time of a 500-field mapping and one-direction evaluation
// throughput of a 40-field mapping with enum maps, date and money conversions.
// Run: npx tsx bench/mapping.ts [compile|evaluate]   (one part only, e.g. under --cpu-prof)
import {
  compileMapping,
  createEvaluator,
  type MappingDocumentInput,
  type SyncPlan,
} from "@tandem/mapping";
import { syntheticMapping, syntheticRecords } from "@tandem/mapping/testing";
import { availableParallelism, loadavg } from "node:os";
import { performance } from "node:perf_hooks";

function compiledPlan(document: MappingDocumentInput | string): SyncPlan {
  const { plan, diagnostics } = compileMapping(document);
  if (!plan)
    throw new Error(`the benchmark mapping does not compile: ${JSON.stringify(diagnostics)}`);
  return plan;
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** Wall time and this process's CPU time: on a shared machine the second shows what the code costs. */
function measure(run: () => void): { wallMs: number; cpuMs: number } {
  const cpu = process.cpuUsage();
  const start = performance.now();
  run();
  const used = process.cpuUsage(cpu);
  return { wallMs: performance.now() - start, cpuMs: (used.user + used.system) / 1000 };
}

function benchCompile(fields: number): void {
  const json = JSON.stringify(syntheticMapping(fields));
  for (let run = 0; run < 5; run++) compiledPlan(json);
  const runs = Array.from({ length: 15 }, () => measure(() => compiledPlan(json)));
  console.log(
    `compile ${fields}-field mapping (${(json.length / 1024).toFixed(0)} KB JSON → parse, validate, both directions, hash): ` +
      `median ${median(runs.map((run) => run.wallMs)).toFixed(1)} ms wall, ${median(runs.map((run) => run.cpuMs)).toFixed(1)} ms CPU ` +
      `(target < 50 ms)`,
  );
}

function benchEvaluate(fields: number): void {
  const plan = compiledPlan(syntheticMapping(fields));
  const evaluator = createEvaluator(plan, "aToB");
  const records = syntheticRecords(fields, 1000);
  const check = evaluator(records[0]);
  if (check.skipped.length > 0)
    throw new Error(`benchmark records should map cleanly: ${JSON.stringify(check.skipped[0])}`);
  for (let i = 0; i < 50_000; i++) evaluator(records[i % records.length]);
  // The median of several passes, like the compile figure: one pass is at the mercy of a GC pause.
  const perPass = 100_000;
  const passes = 7;
  let skipped = 0;
  const runs = Array.from({ length: passes }, () =>
    measure(() => {
      for (let i = 0; i < perPass; i++)
        skipped += evaluator(records[i % records.length]).skipped.length;
    }),
  );
  if (skipped > 0) throw new Error(`${skipped} fields were skipped during the benchmark`);
  const rate = (ms: number) => Math.round(perPass / (ms / 1000)).toLocaleString("en-US");
  const slowest = Math.max(...runs.map((run) => run.wallMs));
  console.log(
    `evaluate ${fields}-field mapping A→B (10 renames, 10 enum maps, 10 dates, 10 money): ` +
      `median ${rate(median(runs.map((run) => run.wallMs)))} records/s wall, ` +
      `${rate(median(runs.map((run) => run.cpuMs)))} records/s per CPU second, slowest pass ${rate(slowest)}, ` +
      `${passes} passes of ${perPass.toLocaleString("en-US")} records (target ≥ 100,000 records/s)`,
  );
}

console.log(
  `load average before the run: ${loadavg()
    .map((load) => load.toFixed(2))
    .join(" ")} on ${availableParallelism()} cores`,
);
const only = process.argv[2];
if (only !== "evaluate") benchCompile(500);
if (only !== "compile") benchEvaluate(40);
