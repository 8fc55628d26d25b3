// Mapping benchmark: compile time of a 500-field mapping and one-direction evaluation
// throughput of a 40-field mapping with enum maps, date and money conversions.
// Run: npx tsx bench/mapping.ts [compile|evaluate]   (one part only, e.g. under --cpu-prof)
import {
  compileMapping,
  createEvaluator,
  MAPPING_FORMAT,
  type MappingDocumentInput,
  type SyncPlan,
} from "@tandem/mapping";
import { availableParallelism, loadavg } from "node:os";
import { performance } from "node:perf_hooks";

type NodeInput = MappingDocumentInput["nodes"][number];
type EdgeInput = MappingDocumentInput["edges"][number];
type FieldInput = {
  id: string;
  type: "string" | "enum" | "date" | "money" | "decimal";
  enumValues?: string[];
};

const STATUSES_A = ["Active", "On Leave", "Terminated", "Pending"];
const STATUSES_B = ["active", "leave", "terminated", "pending"];

/** A mapping with `fields` pairs: renames, enum maps, MM/DD/YYYY → ISO dates and decimal → cents, in rotation. */
function syntheticMapping(fields: number): MappingDocumentInput {
  const aFields: FieldInput[] = [];
  const bFields: FieldInput[] = [];
  const nodes: NodeInput[] = [];
  const edges: EdgeInput[] = [];
  const link = (
    id: string,
    source: string,
    sourceHandle: string,
    target: string,
    targetHandle: string,
  ) => edges.push({ id, source, sourceHandle, target, targetHandle });
  for (let i = 0; i < fields; i++) {
    const kind = i % 4;
    const a = `a_field_${i}`;
    const b = `b_field_${i}`;
    const position = { x: 400, y: i * 80 };
    if (kind === 0) {
      aFields.push({ id: a, type: "string" });
      bFields.push({ id: b, type: "string" });
      link(`e${i}`, "a", a, "b", b);
      continue;
    }
    const node = `n${i}`;
    if (kind === 1) {
      aFields.push({ id: a, type: "enum", enumValues: STATUSES_A });
      bFields.push({ id: b, type: "enum", enumValues: STATUSES_B });
      nodes.push({
        id: node,
        type: "enumMap",
        position,
        data: { entries: STATUSES_A.map((from, j) => ({ from, to: STATUSES_B[j] ?? null })) },
      });
    } else if (kind === 2) {
      aFields.push({ id: a, type: "string" });
      bFields.push({ id: b, type: "date" });
      nodes.push({
        id: node,
        type: "dateFormat",
        position,
        data: { from: "MM/DD/YYYY", to: "YYYY-MM-DD" },
      });
    } else {
      aFields.push({ id: a, type: "decimal" });
      bFields.push({ id: b, type: "money" });
      nodes.push({
        id: node,
        type: "money",
        position,
        data: { from: "decimal-string", to: "minor", currency: "USD" },
      });
    }
    link(`e${i}in`, "a", a, node, "in");
    link(`e${i}out`, node, "out", "b", b);
  }
  aFields.push({ id: "email", type: "string" });
  bFields.push({ id: "email", type: "string" });
  nodes.push({
    id: "key",
    type: "matchKey",
    position: { x: 400, y: -80 },
    data: { normalize: "case-insensitive" },
  });
  link("key-a", "a", "email", "key", "a");
  link("key-b", "b", "email", "key", "b");
  return {
    format: MAPPING_FORMAT,
    name: `synthetic ${fields}-field mapping`,
    nodes: [
      {
        id: "a",
        type: "side",
        position: { x: 0, y: 0 },
        data: { side: "a", system: "hris", entity: "employee", fields: aFields },
      },
      {
        id: "b",
        type: "side",
        position: { x: 800, y: 0 },
        data: { side: "b", system: "payroll", entity: "employee", fields: bFields },
      },
      ...nodes,
    ],
    edges,
  };
}

function syntheticRecords(fields: number, count: number): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, r) => {
    const record: Record<string, unknown> = { email: `person${r}@example.com` };
    for (let i = 0; i < fields; i++) {
      const kind = i % 4;
      record[`a_field_${i}`] =
        kind === 0
          ? `value ${r}-${i}`
          : kind === 1
            ? STATUSES_A[(r + i) % STATUSES_A.length]
            : kind === 2
              ? `${String(((r + i) % 12) + 1).padStart(2, "0")}/${String(((r * 7 + i) % 28) + 1).padStart(2, "0")}/${1970 + ((r + i) % 50)}`
              : `${(r * 13 + i) % 100000}.${String((r + i) % 100).padStart(2, "0")}`;
    }
    return record;
  });
}

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
