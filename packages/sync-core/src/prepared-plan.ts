import {
  cachedReaders,
  createAsyncEvaluator,
  createEvaluator,
  type ConflictPolicy,
  type Direction,
  type EvaluationResult,
  type PathReader,
  type SyncPlan,
  type TargetPlan,
} from "@tandem/mapping";
export type { SyncPlan } from "@tandem/mapping";
import { directionFrom, otherSide, type PerSide, type Side } from "./sides";

/** One target field of a direction, with what the engine needs to decide about it. */
export interface PreparedTargetField {
  field: string;
  /** The source fields its program reads: a change to any of them is a change to this field. */
  inputs: readonly string[];
  mode: TargetPlan["mode"];
  /** Operation indexes that are conditions: a skip there means "not written", not an error. */
  conditionOps: ReadonlySet<number>;
  read: PathReader;
}

export interface PreparedDirection {
  direction: Direction;
  source: Side;
  target: Side;
  targets: readonly PreparedTargetField[];
  byField: ReadonlyMap<string, PreparedTargetField>;
  evaluate: (
    record: Record<string, unknown>,
    base: Record<string, unknown> | null,
  ) => Promise<EvaluationResult>;
}

export interface PreparedSide {
  entity: string;
  system: string;
  /**
   * Every field of this side the plan reads, writes, filters on or settles conflicts on: the
   * fields compared with the shadow and kept in it. Other fields never trigger a sync.
   */
  fields: readonly string[];
  readerOf: (field: string) => PathReader;
}

/** A published plan, compiled once per hash for the engine's hot path. */
export interface PreparedSyncPlan {
  plan: SyncPlan;
  hash: string;
  sides: PerSide<PreparedSide>;
  /** By source side: the direction that carries that side's changes. */
  from: PerSide<PreparedDirection>;
  /** The conflict policy that covers a field of one side (two-way fields only). */
  policyOf: PerSide<ReadonlyMap<string, ConflictPolicy>>;
}

function prepareDirection(
  plan: SyncPlan,
  source: Side,
  readerOf: (field: string) => PathReader,
): PreparedDirection {
  const direction = directionFrom(source);
  const directionPlan = plan[direction];
  const targets = directionPlan.targets.map((target): PreparedTargetField => ({
    field: target.field,
    inputs: [
      ...new Set(
        target.operations.flatMap((operation) =>
          operation.op === "read" ? [operation.field] : [],
        ),
      ),
    ],
    mode: target.mode,
    conditionOps: new Set(
      target.operations.flatMap((operation, index) =>
        operation.op === "condition" ? [index] : [],
      ),
    ),
    read: readerOf(target.field),
  }));
  const needsAsync = directionPlan.targets.some((target) =>
    target.operations.some((operation) => operation.op === "expression"),
  );
  const evaluate = needsAsync
    ? createAsyncEvaluator(plan, direction)
    : (() => {
        const synchronous = createEvaluator(plan, direction);
        return (record: unknown, options?: { base?: Record<string, unknown> | null }) =>
          Promise.resolve(synchronous(record, options));
      })();
  return {
    direction,
    source,
    target: otherSide(source),
    targets,
    byField: new Map(targets.map((target) => [target.field, target])),
    evaluate: (record, base) => evaluate(record, { base }),
  };
}

/** Compiles a plan's directions, side fields and policies for `decideStep`. */
export function prepareSyncPlan(plan: SyncPlan): PreparedSyncPlan {
  const readerOf = { a: cachedReaders(), b: cachedReaders() };
  const from = {
    a: prepareDirection(plan, "a", readerOf.a),
    b: prepareDirection(plan, "b", readerOf.b),
  };
  const policyOf = { a: new Map<string, ConflictPolicy>(), b: new Map<string, ConflictPolicy>() };
  for (const policy of plan.conflicts) {
    for (const field of policy.a) policyOf.a.set(field, policy);
    for (const field of policy.b) policyOf.b.set(field, policy);
  }
  const sideOf = (side: Side): PreparedSide => {
    const fields = new Set<string>();
    for (const target of from[side].targets) for (const input of target.inputs) fields.add(input);
    for (const target of from[otherSide(side)].targets) fields.add(target.field);
    for (const filter of plan[directionFrom(side)].filters) fields.add(filter.field);
    for (const field of policyOf[side].keys()) fields.add(field);
    return {
      entity: plan.sides[side].entity,
      system: plan.sides[side].system,
      fields: [...fields].sort(),
      readerOf: readerOf[side],
    };
  };
  const sides = { a: sideOf("a"), b: sideOf("b") };
  return { plan, hash: plan.hash, sides, from, policyOf };
}
