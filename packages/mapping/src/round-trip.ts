import type { SideName } from "./document-schema";
import { createAsyncEvaluator } from "./evaluate-async";
import type { Direction, SyncPlan } from "./sync-plan";
import { pathReader } from "./record-paths";

export interface RoundTripExample {
  /** Index of the sample in the list given. */
  sample: number;
  before: unknown;
  /** The value after the round trip; undefined when the way back skipped the field. */
  after: unknown;
  /** The record on the other side, halfway. */
  intermediate: Record<string, unknown>;
  /** Why the way there or back skipped a field, when one did. */
  reason?: string;
}

export interface RoundTripFieldReport {
  side: SideName;
  field: string;
  /** `clean`: every sample came back equal; `lossy`: at least one did not; `untested`: no sample carried a value. */
  status: "clean" | "lossy" | "untested";
  checked: number;
  example?: RoundTripExample;
}

export interface RoundTripReport {
  clean: boolean;
  fields: RoundTripFieldReport[];
}

const sameValue = (x: unknown, y: unknown) =>
  x === y ||
  (typeof x === "object" && typeof y === "object" && JSON.stringify(x) === JSON.stringify(y));

/** The source fields that two-way flows in `direction` read: the ones that claim to come back intact. */
function twoWayFields(plan: SyncPlan, direction: Direction): string[] {
  const fields = new Set<string>();
  for (const target of plan[direction].targets) {
    if (target.mode !== "two-way") continue;
    for (const operation of target.operations)
      if (operation.op === "read") fields.add(operation.field);
  }
  return [...fields].sort();
}

async function checkSide(
  plan: SyncPlan,
  side: SideName,
  samples: readonly unknown[],
): Promise<RoundTripFieldReport[]> {
  const there: Direction = side === "a" ? "aToB" : "bToA";
  const back: Direction = side === "a" ? "bToA" : "aToB";
  const forward = createAsyncEvaluator(plan, there);
  const backward = createAsyncEvaluator(plan, back);
  const reports = twoWayFields(plan, there).map(
    (field): RoundTripFieldReport & { read: (record: unknown) => unknown } => ({
      side,
      field,
      status: "untested",
      checked: 0,
      read: pathReader(field),
    }),
  );
  for (const [index, sample] of samples.entries()) {
    const halfway = await forward(sample);
    if (!halfway.included) continue;
    const returned = await backward(halfway.record);
    const skipReasons = [...halfway.skipped, ...returned.skipped].map(
      (skip) => `${skip.field}: ${skip.reason}`,
    );
    for (const report of reports) {
      const before = report.read(sample);
      if (before === undefined) continue;
      report.checked++;
      const after = report.read(returned.record);
      if (report.status === "untested") report.status = "clean";
      if (sameValue(before, after) || report.example) continue;
      report.status = "lossy";
      report.example = {
        sample: index,
        before,
        after,
        intermediate: halfway.record,
        ...(skipReasons.length > 0 ? { reason: skipReasons.join("; ") } : {}),
      };
    }
  }
  return reports.map(({ read: _read, ...report }) => report);
}

/**
 * Sends samples of each side there and back (A→B→A, B→A→B) and reports, per two-way field,
 * whether every value came back unchanged, with the first counter-example when one did not.
 */
export async function roundTrip(
  plan: SyncPlan,
  samples: { a?: readonly unknown[]; b?: readonly unknown[] },
): Promise<RoundTripReport> {
  const fields = [
    ...(await checkSide(plan, "a", samples.a ?? [])),
    ...(await checkSide(plan, "b", samples.b ?? [])),
  ];
  return { clean: fields.every((field) => field.status !== "lossy"), fields };
}
