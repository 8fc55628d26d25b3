import { operationKernel } from "./operation-kernels";
import { pathReader, pathWriter, type PathReader, type PathWriter } from "./record-paths";
import type { Direction, Operation, SyncPlan, TargetPlan } from "./sync-plan";
import { compilePredicate, describePredicate } from "./transforms/predicate";
import { describeValue, Skip } from "./transforms/skip";

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
  /** The target-side record, holding only the fields that were written. */
  record: Record<string, unknown>;
  /** The target fields not written, in plan order, with why. Every other target field was written. */
  skipped: SkippedField[];
}

/** What the evaluator knows about one target field, ready to run. */
export interface PreparedTarget {
  plan: TargetPlan;
  write: PathWriter;
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

export const ASYNC_ONLY_REASON =
  "computed by an expression node; expression nodes run only in evaluateAsync";

type Step = (record: unknown) => unknown;

/** Turns a postfix program into nested closures, so evaluation does no dispatch per record. */
function buildStep(
  operations: readonly Operation[],
  readerOf: (field: string) => PathReader,
): Step {
  const stack: Step[] = [];
  const pop = () => stack.pop() ?? (() => undefined);
  operations.forEach((operation, index) => {
    const tag = (value: unknown) => {
      if (value instanceof Skip && value.opIndex < 0) value.opIndex = index;
      return value;
    };
    if (operation.op === "read") {
      stack.push(readerOf(operation.field));
      return;
    }
    if (operation.op === "constant") {
      const value = operation.value;
      stack.push(() => value);
      return;
    }
    const kernel = operationKernel(operation);
    switch (kernel.kind) {
      case "source":
        return;
      case "unary": {
        const child = pop();
        const run = kernel.run;
        stack.push((record) => {
          const value = child(record);
          return value instanceof Skip ? value : tag(run(value));
        });
        return;
      }
      case "many": {
        const children = stack.splice(stack.length - kernel.arity, kernel.arity);
        const { run, acceptsSkipped } = kernel;
        stack.push((record) => {
          const values: unknown[] = [];
          for (const child of children) {
            const value = child(record);
            if (value instanceof Skip && !acceptsSkipped) return value;
            values.push(value);
          }
          return tag(run(values));
        });
        return;
      }
      case "condition": {
        const otherwise = kernel.hasElse ? pop() : undefined;
        const then = pop();
        const test = pop();
        const { test: passes, falseReason } = kernel;
        stack.push((record) => {
          const value = test(record);
          if (value instanceof Skip) return value;
          if (passes(value)) return then(record);
          return otherwise ? otherwise(record) : tag(new Skip(falseReason));
        });
        return;
      }
      case "expression": {
        stack.splice(stack.length - kernel.inputs.length, kernel.inputs.length);
        stack.push(() => tag(new Skip(ASYNC_ONLY_REASON)));
        return;
      }
    }
  });
  return pop();
}

export function prepareDirection(plan: SyncPlan, direction: Direction): PreparedDirection {
  const directionPlan = plan[direction];
  const readers = new Map<string, PathReader>();
  const readerOf = (field: string) => {
    let reader = readers.get(field);
    if (!reader) {
      reader = pathReader(field);
      readers.set(field, reader);
    }
    return reader;
  };
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
      needsAsync: target.operations.some((operation) => operation.op === "expression"),
    })),
  };
}

/** Writes a computed value into `record`, or returns why the field is skipped. */
export function settleField(
  target: PreparedTarget,
  value: unknown,
  record: Record<string, unknown>,
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
  target.write(record, value);
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

export type RecordEvaluator = (record: unknown) => EvaluationResult;

/**
 * Compiles one direction of a plan into a function from a source record to the target record.
 * It never throws: a value it cannot convert skips that field, with the reason, and the rest
 * are still written. Fields computed by expression nodes are skipped here (JSONata evaluates
 * asynchronously); `evaluateAsync` computes them.
 */
export function createEvaluator(plan: SyncPlan, direction: Direction): RecordEvaluator {
  const prepared = prepareDirection(plan, direction);
  const steps = prepared.targets.map((target) =>
    buildStep(target.plan.operations, prepared.readerOf),
  );
  const writeGuarded = guardedWriter(prepared.targets, steps);
  const writeFast = fastWriter(prepared.targets, steps);
  // Hoisted rather than a closure per record: it is on the hot path of every evaluation.
  const skip: SkipSink = (index, value, output, skipped) => {
    const target = prepared.targets[index];
    if (!target) return;
    skipped.push(
      settleField(target, value, output) ?? { field: target.plan.field, reason: "no value" },
    );
  };
  return (record) => {
    const skipped: SkippedField[] = [];
    const excludedBy = excludingFilter(prepared, record);
    if (excludedBy) return { direction, included: false, excludedBy, record: {}, skipped };
    let output: Record<string, unknown> | null = null;
    if (writeFast) {
      try {
        output = writeFast(record, skip, skipped);
      } catch {
        // A transform threw (they return skips by design): redo this record field by field.
        skipped.length = 0;
      }
    }
    output ??= writeGuarded(record, skip, skipped);
    return { direction, included: true, record: output, skipped };
  };
}

type SkipSink = (
  index: number,
  value: unknown,
  output: Record<string, unknown>,
  skipped: SkippedField[],
) => void;
type FieldWriter = (
  record: unknown,
  skip: SkipSink,
  skipped: SkippedField[],
) => Record<string, unknown>;

/** Runs each target's step on its own, so one failing transform skips only its field. */
function guardedWriter(targets: readonly PreparedTarget[], steps: readonly Step[]): FieldWriter {
  return (record, skip, skipped) => {
    const output: Record<string, unknown> = {};
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
      if (value !== undefined && !(value instanceof Skip)) target.write(output, value);
      else skip(index, value, output, skipped);
    });
    return output;
  };
}

/**
 * The same loop unrolled into generated code, one constant-key store per field, used when all
 * targets are top-level keys. Every output then grows through the same hidden-class
 * transitions, where `output[key] = value` in a loop made the property stores the evaluator's
 * largest cost (CPU profile of bench/mapping.ts). Keys are embedded with JSON.stringify, so no
 * field name can inject code. Returns null where code generation is unavailable (a strict
 * Content-Security-Policy) or a target is nested; the guarded writer serves then.
 */
function fastWriter(
  targets: readonly PreparedTarget[],
  steps: readonly Step[],
): FieldWriter | null {
  if (
    targets.some((target) => target.plan.field.includes(".") || target.plan.field === "__proto__")
  ) {
    return null;
  }
  const lines = targets.map(
    (target, index) =>
      `v = s[${index}](record); if (v !== undefined && !(v instanceof Skip)) o[${JSON.stringify(target.plan.field)}] = v; else skip(${index}, v, o, skipped);`,
  );
  try {
    // Generated from field names escaped by JSON.stringify only; see the comment above.
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    const make = new Function(
      "s",
      "Skip",
      `return function writeFields(record, skip, skipped) {\nconst o = {};\nlet v;\n${lines.join("\n")}\nreturn o;\n};`,
    ) as (steps: readonly Step[], skipClass: typeof Skip) => FieldWriter;
    return make(steps, Skip);
  } catch {
    return null;
  }
}

const evaluatorCache = new WeakMap<SyncPlan, Partial<Record<Direction, RecordEvaluator>>>();

/** Evaluates one record, compiling the plan's direction on first use and caching it per plan. */
export function evaluate(plan: SyncPlan, direction: Direction, record: unknown): EvaluationResult {
  let cached = evaluatorCache.get(plan);
  if (!cached) {
    cached = {};
    evaluatorCache.set(plan, cached);
  }
  const evaluator = (cached[direction] ??= createEvaluator(plan, direction));
  return evaluator(record);
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
