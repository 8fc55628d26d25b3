import { buildEvaluationStep, type EvaluationStep } from "./evaluation-step";
import { generatedFieldWriter, type SkipSink } from "./generated-field-writer";
import {
  copyingPathWriter,
  pathReader,
  pathWriter,
  type PathReader,
  type PathWriter,
} from "./record-paths";
import type { Direction, Operation, SyncPlan, TargetPlan } from "./sync-plan";
import { compilePredicate, describePredicate } from "./transforms/predicate";
import { describeValue, Skip } from "./transforms/skip";

export { ASYNC_ONLY_REASON } from "./evaluation-step";

export interface SkippedField {
  field: string;
  reason: string;
  /** The node whose operation decided to skip, when one did (absent: the source had no value). */
  node?: string;
  /** Index in the target's operations of the operation that skipped. */
  operationIndex?: number;
}

export interface EvaluationResult {
  direction: Direction;
  /** False when an entity filter excludes the record; then nothing is written. */
  included: boolean;
  excludedBy?: { node: string; field: string; reason: string };
  /**
   * The target-side record: the fields that were written, on top of a copy of `base` when one
   * was given (then every field not written keeps the base's value).
   */
  record: Record<string, unknown>;
  /** The target fields not written, in plan order, with why. Every other target field was written. */
  skipped: SkippedField[];
  /**
   * With a base only: target fields the plan computed but left as the base holds them, because
   * the base's value already reads back as the source's value (a raw vendor value that one
   * mapping entry stands for, e.g. "Garden leave" where the source says "leave").
   */
  kept?: string[];
}

export interface EvaluationOptions {
  /**
   * The target system's current record. The plan is applied onto a copy of it (never mutated):
   * fields the plan does not write, or skips, such as an enum value with no mapping, keep the
   * base's value exactly, so a write back to the same system loses nothing.
   */
  base?: Readonly<Record<string, unknown>> | null;
}

/** What the evaluator knows about one target field, ready to run. */
export interface PreparedTarget {
  plan: TargetPlan;
  write: PathWriter;
  /** Writes without touching nested objects shared with a base record. */
  writeOnto: PathWriter;
  /** Present when the program has an expression operation, which only `evaluateAsync` runs. */
  needsAsync: boolean;
}

export interface PreparedDirection {
  readerOf: (field: string) => PathReader;
  direction: Direction;
  filters: {
    node: string;
    field: string;
    read: PathReader;
    test: (value: unknown) => boolean;
    description: string;
  }[];
  targets: PreparedTarget[];
}

/** A reader per field path, each built once. */
export function cachedReaders(): (field: string) => PathReader {
  const readers = new Map<string, PathReader>();
  return (field) => {
    let reader = readers.get(field);
    if (!reader) {
      reader = pathReader(field);
      readers.set(field, reader);
    }
    return reader;
  };
}

export function prepareDirection(plan: SyncPlan, direction: Direction): PreparedDirection {
  const directionPlan = plan[direction];
  const readerOf = cachedReaders();
  return {
    direction,
    readerOf,
    filters: directionPlan.filters.map((filter) => ({
      node: filter.node,
      field: filter.field,
      read: readerOf(filter.field),
      test: compilePredicate(filter.predicate),
      description: describePredicate(filter.predicate),
    })),
    targets: directionPlan.targets.map((target) => ({
      plan: target,
      write: pathWriter(target.field),
      writeOnto: copyingPathWriter(target.field),
      needsAsync: target.operations.some((operation) => operation.op === "expression"),
    })),
  };
}

/** Writes a computed value into `record`, or returns why the field is skipped. */
export function settleField(
  target: PreparedTarget,
  value: unknown,
  record: Record<string, unknown>,
  write: PathWriter = target.write,
): SkippedField | undefined {
  if (value instanceof Skip) {
    const field = target.plan.field;
    const operation = target.plan.operations[value.opIndex];
    if (!operation) return { field, reason: value.reason };
    return { field, reason: value.reason, node: operation.node, operationIndex: value.opIndex };
  }
  if (value === undefined) {
    return {
      field: target.plan.field,
      reason: "the source record does not carry the fields this one is computed from",
    };
  }
  write(record, value);
  return undefined;
}

/** Returns the filter that excludes `record`, if any. */
export function excludingFilter(
  prepared: PreparedDirection,
  record: unknown,
): EvaluationResult["excludedBy"] {
  for (const filter of prepared.filters) {
    const value = filter.read(record);
    if (!filter.test(value)) {
      return {
        node: filter.node,
        field: filter.field,
        reason: `${filter.field} is ${describeValue(value)}, which fails the filter: ${filter.description}`,
      };
    }
  }
  return undefined;
}

export function isPlainRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * A two-way target whose value reads back as its one source field: when the base's current
 * value reads back (through the opposite direction's program) as the source's value, the base
 * already says the same in its own words, and is kept.
 */
interface ReadBack {
  target: PreparedTarget;
  readTarget: PathReader;
  readSource: PathReader;
  readBack: EvaluationStep;
}

function readsOnly(operations: readonly Operation[]): string | undefined {
  const fields = new Set<string>();
  for (const operation of operations) {
    if (operation.op === "expression") return undefined;
    if (operation.op === "read") fields.add(operation.field);
  }
  const [field] = fields;
  return fields.size === 1 ? field : undefined;
}

function readBacks(plan: SyncPlan, prepared: PreparedDirection): ReadBack[] {
  const opposite = plan[prepared.direction === "aToB" ? "bToA" : "aToB"];
  const oppositeByField = new Map(opposite.targets.map((target) => [target.field, target]));
  const readerOf = cachedReaders();
  const found: ReadBack[] = [];
  for (const target of prepared.targets) {
    if (target.plan.mode !== "two-way") continue;
    const source = readsOnly(target.plan.operations);
    const reverse = source === undefined ? undefined : oppositeByField.get(source);
    if (!source || !reverse || readsOnly(reverse.operations) !== target.plan.field) continue;
    found.push({
      target,
      readTarget: readerOf(target.plan.field),
      readSource: prepared.readerOf(source),
      readBack: buildEvaluationStep(reverse.operations, readerOf),
    });
  }
  return found;
}

function keepBaseValues(
  checks: readonly ReadBack[],
  record: unknown,
  base: Readonly<Record<string, unknown>>,
  output: Record<string, unknown>,
): string[] {
  const kept: string[] = [];
  for (const check of checks) {
    const current = check.readTarget(base);
    if (current === undefined || check.readTarget(output) === current) continue;
    let meaning: unknown;
    try {
      meaning = check.readBack(base);
    } catch {
      continue;
    }
    if (meaning instanceof Skip || meaning === undefined) continue;
    if (meaning !== check.readSource(record)) continue;
    check.target.writeOnto(output, current);
    kept.push(check.target.plan.field);
  }
  return kept;
}

export type RecordEvaluator = (record: unknown, options?: EvaluationOptions) => EvaluationResult;

/**
 * Compiles one direction of a plan into a function from a source record to the target record.
 * It never throws: a value it cannot convert skips that field, with the reason, and the rest
 * are still written. Fields computed by expression nodes are skipped here (JSONata evaluates
 * asynchronously); `evaluateAsync` computes them.
 */
export function createEvaluator(plan: SyncPlan, direction: Direction): RecordEvaluator {
  const prepared = prepareDirection(plan, direction);
  const steps = prepared.targets.map((target) =>
    buildEvaluationStep(target.plan.operations, prepared.readerOf),
  );
  const writeFast = generatedFieldWriter(
    prepared.targets.map((target) => target.plan),
    steps,
    prepared.readerOf,
  );
  const writeGuarded = guardedWriter(prepared.targets, steps);
  const writers = prepared.targets.map((target) => target.write);
  const writersOnto = prepared.targets.map((target) => target.writeOnto);
  let readBackChecks: ReadBack[] | undefined;
  // Hoisted rather than a closure per record: it is on the hot path of every evaluation.
  const skip: SkipSink = (index, value, output, skipped) => {
    const target = prepared.targets[index];
    if (!target) return;
    skipped.push(
      settleField(target, value, output) ?? { field: target.plan.field, reason: "no value" },
    );
  };
  return (record, options) => {
    const skipped: SkippedField[] = [];
    const base = isPlainRecord(options?.base) ? options.base : undefined;
    const excludedBy = excludingFilter(prepared, record);
    if (excludedBy) {
      const result: EvaluationResult = {
        direction,
        included: false,
        excludedBy,
        record: base ? { ...base } : {},
        skipped,
      };
      if (base) result.kept = [];
      return result;
    }
    let output: Record<string, unknown> | null = null;
    if (writeFast) {
      try {
        output = base
          ? writeFast(record, skip, skipped, { ...base }, writersOnto)
          : writeFast(record, skip, skipped, null, writers);
      } catch {
        // A transform threw (they return skips by design): redo this record field by field.
        skipped.length = 0;
      }
    }
    output ??= writeGuarded(record, skipped, base);
    if (!base) return { direction, included: true, record: output, skipped };
    readBackChecks ??= readBacks(plan, prepared);
    const kept = keepBaseValues(readBackChecks, record, base, output);
    return { direction, included: true, record: output, skipped, kept };
  };
}

type GuardedWriter = (
  record: unknown,
  skipped: SkippedField[],
  base: Readonly<Record<string, unknown>> | undefined,
) => Record<string, unknown>;

/** Runs each target's step on its own, so one failing transform skips only its field. */
function guardedWriter(
  targets: readonly PreparedTarget[],
  steps: readonly EvaluationStep[],
): GuardedWriter {
  return (record, skipped, base) => {
    const output: Record<string, unknown> = base ? { ...base } : {};
    targets.forEach((target, index) => {
      let value: unknown;
      try {
        value = steps[index]?.(record);
      } catch (error) {
        // Transforms return skips rather than throw; this keeps the promise that evaluation never throws.
        value = new Skip(
          `unexpected failure: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      const skip = settleField(target, value, output, base ? target.writeOnto : target.write);
      if (skip) skipped.push(skip);
    });
    return output;
  };
}

const evaluatorCache = new WeakMap<SyncPlan, Partial<Record<Direction, RecordEvaluator>>>();

/** Evaluates one record, compiling the plan's direction on first use and caching it per plan. */
export function evaluate(
  plan: SyncPlan,
  direction: Direction,
  record: unknown,
  options?: EvaluationOptions,
): EvaluationResult {
  let cached = evaluatorCache.get(plan);
  if (!cached) {
    cached = {};
    evaluatorCache.set(plan, cached);
  }
  const evaluator = (cached[direction] ??= createEvaluator(plan, direction));
  return evaluator(record, options);
}

export type FieldOutcome =
  | { field: string; status: "written"; value: unknown; operations: readonly Operation[] }
  | ({ status: "skipped"; operations: readonly Operation[] } & SkippedField);

/**
 * One outcome per target field of the direction, in plan order, with the operations that
 * compute it: for the editor's preview and the audit trail. A written field ran all its
 * operations; a skipped one ran them up to `operationIndex`.
 */
export function fieldOutcomes(plan: SyncPlan, result: EvaluationResult): FieldOutcome[] {
  if (!result.included) return [];
  const skipped = new Map(result.skipped.map((skip) => [skip.field, skip]));
  return plan[result.direction].targets.map((target): FieldOutcome => {
    const skip = skipped.get(target.field);
    if (skip) return { status: "skipped", operations: target.operations, ...skip };
    return {
      field: target.field,
      status: "written",
      value: pathReader(target.field)(result.record),
      operations: target.operations,
    };
  });
}
