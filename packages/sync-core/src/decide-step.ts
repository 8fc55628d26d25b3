import type { ConflictPolicy, ConflictStrategy, EvaluationResult } from "@tandem/mapping";
import type { PreparedDirection, PreparedSyncPlan } from "./prepared-plan";
import { resolveConflictAsync, ruleOfPolicy, type ConflictResolution } from "./resolve-conflict";
import { otherSide, type PerSide, type Side } from "./sides";
import { isEmptyValue, sameValue } from "./values";

/** A side's plan fields, flat: field id (a dotted path) → value. What shadows hold. */
export type Shadow = Record<string, unknown>;

/** An operator's answer to a parked group of fields (a review item). */
export type OperatorChoice =
  | { kind: "side"; side: Side }
  /** One value for the group's fields on both sides (single-field groups only). */
  | { kind: "value"; value: unknown }
  /** Leave both sides as they are and stop reporting this difference. */
  | { kind: "accept" };

export interface StepInput {
  plan: PreparedSyncPlan;
  /** The side whose change started this step. */
  source: Side;
  /** Each side's current record (its side fields), or null when the pair has no record there. */
  records: PerSide<Record<string, unknown> | null>;
  /** What each side held when the pair was last settled; null for a side never synced. */
  shadows: PerSide<Shadow | null>;
  /** When each side last changed its record by its own clock (ISO 8601), null when unknown. */
  changedAt: PerSide<string | null>;
  /** Whether a side without a record may be created now. */
  mayCreate: boolean;
  /** Operator answers, by `groupKey` of the parked group. */
  choices?: ReadonlyMap<string, OperatorChoice>;
}

/** Why a value was written: one side changed it, a conflict rule or an operator decided. */
export type WriteRule =
  "a-changed" | "b-changed" | "first-contact" | `conflict:${ConflictStrategy}` | "operator";

export interface FieldWrite {
  /** The side written. */
  side: Side;
  field: string;
  before: unknown;
  after: unknown;
  rule: WriteRule;
  /** The plan node that decided, when one did (a conflict rule). */
  node?: string;
}

/** A change held back for an operator: the review queue's item. */
export interface ParkedChange {
  kind: "conflict" | "unconvertible";
  /** Stable per record pair and field group: later occurrences update the same review item. */
  groupKey: string;
  /** The fields concerned on each side. */
  fields: PerSide<string[]>;
  reason: string;
  /** Each side's current value and the agreed base, for the operator (first field of each side). */
  values: { a: unknown; b: unknown; base: unknown };
  strategy?: ConflictStrategy;
  node?: string;
}

export interface Exclusion {
  /** The side whose records the filter judges. */
  source: Side;
  node: string;
  field: string;
  reason: string;
}

export type StepDecision =
  | { kind: "suppressed"; reason: string }
  | {
      kind: "apply";
      /** Only the changed fields, per side with a record (dotted paths → values). */
      patches: PerSide<Record<string, unknown>>;
      /** A side to create, with all of its fields the plan computes. */
      create: { side: Side; fields: Record<string, unknown> } | null;
      writes: FieldWrite[];
      /** Fields that differed but already agree after conversion: nothing to write. */
      agreed: string[];
      parked: ParkedChange[];
      excluded: Exclusion[];
      /**
       * The next shadows once the patches are written. A created side's shadow is null: take it
       * from the created record with `projectShadow`.
       */
      shadows: PerSide<Shadow | null>;
      firstContact: boolean;
    };

/** A side's record reduced to the plan's fields of that side. */
export function projectShadow(
  plan: PreparedSyncPlan,
  side: Side,
  record: Record<string, unknown>,
): Shadow {
  const shadow: Shadow = {};
  for (const field of plan.sides[side].fields) {
    const value = plan.sides[side].readerOf(field)(record);
    shadow[field] = value === undefined ? null : value;
  }
  return shadow;
}

/** Why a change whose source still matches its shadow is suppressed. */
export const UNCHANGED_SINCE_SYNC =
  "no plan field differs from the last synced state (duplicate or echo)";

/** Whether a side's record still holds exactly what its shadow recorded. */
export function matchesShadow(
  plan: PreparedSyncPlan,
  side: Side,
  record: Record<string, unknown>,
  shadow: Shadow,
): boolean {
  const read = plan.sides[side].readerOf;
  return plan.sides[side].fields.every(
    (field) => field in shadow && sameValue(read(field)(record), shadow[field]),
  );
}

export function groupKeyOf(policy: Pick<ConflictPolicy, "a" | "b">): string {
  return `fields:a=${policy.a.join(",")};b=${policy.b.join(",")}`;
}

const owns = (strategy: ConflictStrategy, side: Side) =>
  (strategy === "a-wins" && side === "a") || (strategy === "b-wins" && side === "b");

/**
 * The fields of `side` that changed since its shadow. A field the shadow does not know (a pair
 * never synced, or a field a newer plan added) has no base: it counts as changed on the side
 * whose event this is, and on the other side only where that side owns it (a one-way field from
 * there, an `x-wins` rule naming it, or a later change under `latest-change`). So the first
 * contact applies the triggering edit instead of reverting it, yet never overrides an owner.
 */
function changedFields(input: StepInput, side: Side): Set<string> {
  const { plan, records, shadows, source, changedAt } = input;
  const record = records[side];
  const changed = new Set<string>();
  if (!record) return changed;
  const shadow = shadows[side];
  const read = plan.sides[side].readerOf;
  for (const field of plan.sides[side].fields) {
    if (shadow && field in shadow) {
      if (!sameValue(read(field)(record), shadow[field])) changed.add(field);
      continue;
    }
    if (side === source) {
      changed.add(field);
      continue;
    }
    const policy = plan.policyOf[side].get(field);
    if (!policy || owns(policy.strategy, side)) changed.add(field);
    else if (policy.strategy === "latest-change") {
      const mine = Date.parse(changedAt[side] ?? "");
      const theirs = Date.parse(changedAt[source] ?? "");
      if (mine > theirs) changed.add(field);
    }
  }
  return changed;
}

interface Candidate {
  field: string;
  value: unknown;
}

interface DirectionOutcome {
  evaluation: EvaluationResult | null;
  candidates: Map<string, Candidate>;
  unconvertible: { field: string; reason: string; node?: string }[];
  /** Source fields whose change could not be carried: their shadow keeps the old value. */
  held: Set<string>;
  excluded: Exclusion | null;
}

async function evaluateDirection(
  direction: PreparedDirection,
  input: StepInput,
  changed: Set<string>,
  creating: boolean,
): Promise<DirectionOutcome> {
  const outcome: DirectionOutcome = {
    evaluation: null,
    candidates: new Map(),
    unconvertible: [],
    held: new Set(),
    excluded: null,
  };
  const record = input.records[direction.source];
  if (!record || (changed.size === 0 && !creating)) return outcome;
  const base = input.records[direction.target];
  const evaluation = await direction.evaluate(record, base);
  outcome.evaluation = evaluation;
  if (!evaluation.included) {
    const by = evaluation.excludedBy;
    outcome.excluded = {
      source: direction.source,
      node: by?.node ?? "",
      field: by?.field ?? "",
      reason: by?.reason ?? "a filter excludes the record",
    };
    for (const target of direction.targets)
      for (const field of target.inputs) if (changed.has(field)) outcome.held.add(field);
    return outcome;
  }
  const skips = new Map(evaluation.skipped.map((skip) => [skip.field, skip]));
  const read = input.plan.sides[direction.source].readerOf;
  for (const target of direction.targets) {
    if (!creating && !target.inputs.some((field) => changed.has(field))) continue;
    const skip = skips.get(target.field);
    if (!skip) {
      outcome.candidates.set(target.field, {
        field: target.field,
        value: target.read(evaluation.record),
      });
      continue;
    }
    const inputsEmpty = target.inputs.every((field) => isEmptyValue(read(field)(record)));
    if (inputsEmpty && target.inputs.length > 0) {
      // The source cleared what this field is computed from: clear it on the target too.
      outcome.candidates.set(target.field, { field: target.field, value: null });
    } else if (
      skip.node !== undefined &&
      !(skip.operationIndex !== undefined && target.conditionOps.has(skip.operationIndex))
    ) {
      outcome.unconvertible.push({ field: target.field, reason: skip.reason, node: skip.node });
      for (const field of target.inputs) if (changed.has(field)) outcome.held.add(field);
    }
    // Otherwise a condition chose not to write it, or the source does not carry its inputs.
  }
  return outcome;
}

function applyPatch(
  plan: PreparedSyncPlan,
  side: Side,
  record: Record<string, unknown>,
  patch: Record<string, unknown>,
): Shadow {
  const shadow = projectShadow(plan, side, record);
  for (const [field, value] of Object.entries(patch)) if (field in shadow) shadow[field] = value;
  return shadow;
}

/**
 * One step of a two-way sync for a record pair, decided from the published plan alone. Pure:
 * the same input gives the same decision.
 *
 * - The source record equal to its shadow: a duplicate delivery or the echo of our own write.
 * - Otherwise each side's changed fields are carried to the other side through the plan's
 *   direction (its filters, conversions and enum maps), evaluated onto the other side's current
 *   record, and only fields whose value differs are written.
 * - A field group both sides changed to values that disagree is a conflict: the plan's policy
 *   for that group decides, or an operator's answer; a rule that cannot decide parks the group.
 * - A value the plan cannot convert parks that field; a filter that excludes the record stops
 *   that direction. Parked and excluded changes keep their old shadow, so they are carried once
 *   resolved (or once the record matches again) rather than forgotten.
 */
export async function decideStep(input: StepInput): Promise<StepDecision> {
  const { plan, source, records, shadows } = input;
  const sourceRecord = records[source];
  if (!sourceRecord)
    throw new Error(`decideStep: the ${source} record that raised the event is missing`);
  const sourceShadow = shadows[source];
  if (sourceShadow && matchesShadow(plan, source, sourceRecord, sourceShadow)) {
    return { kind: "suppressed", reason: UNCHANGED_SINCE_SYNC };
  }
  const firstContact = shadows.a === null && shadows.b === null;
  const changed = { a: changedFields(input, "a"), b: changedFields(input, "b") };
  const target = otherSide(source);
  const creating = records[target] === null ? target : null;
  const outcomes = {
    a: await evaluateDirection(plan.from.a, input, changed.a, creating === "b"),
    b: await evaluateDirection(plan.from.b, input, changed.b, creating === "a"),
  };

  const parked: ParkedChange[] = [];
  const writes: FieldWrite[] = [];
  const agreed: string[] = [];
  const ruleOf = new Map<string, { rule: WriteRule; node?: string }>();
  const valueOf = (side: Side, field: string) => {
    const record = records[side];
    return record ? plan.sides[side].readerOf(field)(record) : undefined;
  };

  // Conflicts: a policy group whose fields both directions would write.
  const groups = new Set<ConflictPolicy>();
  for (const side of ["a", "b"] as const)
    for (const field of outcomes[otherSide(side)].candidates.keys()) {
      const policy = plan.policyOf[side].get(field);
      if (policy) groups.add(policy);
    }
  for (const policy of groups) {
    const intoA = policy.a.filter((field) => outcomes.b.candidates.has(field));
    const intoB = policy.b.filter((field) => outcomes.a.candidates.has(field));
    if (intoA.length === 0 || intoB.length === 0) continue;
    const disagrees =
      intoA.some(
        (field) => !sameValue(outcomes.b.candidates.get(field)?.value, valueOf("a", field)),
      ) ||
      intoB.some(
        (field) => !sameValue(outcomes.a.candidates.get(field)?.value, valueOf("b", field)),
      );
    const drop = (side: Side, fields: string[]) => {
      for (const field of fields) outcomes[otherSide(side)].candidates.delete(field);
    };
    if (!disagrees) continue;
    const key = groupKeyOf(policy);
    const choice = input.choices?.get(key);
    const conflictValues = {
      a: valueOf("a", policy.a[0] ?? ""),
      b: valueOf("b", policy.b[0] ?? ""),
      base: shadows.b?.[policy.b[0] ?? ""] ?? null,
    };
    let resolution: ConflictResolution;
    if (choice?.kind === "side") resolution = { outcome: "side", side: choice.side, value: null };
    else if (choice?.kind === "value") resolution = { outcome: "value", value: choice.value };
    else if (choice?.kind === "accept") {
      drop("a", intoA);
      drop("b", intoB);
      continue;
    } else {
      resolution = await resolveConflictAsync(ruleOfPolicy(policy), {
        field: [...policy.a, ...policy.b].join(", "),
        base: conflictValues.base,
        a: conflictValues.a,
        b: conflictValues.b,
        changedAt: input.changedAt,
      });
      if (firstContact && resolution.outcome === "review" && policy.strategy === "latest-change") {
        // Never synced and no times to compare: the change that raised this event is applied.
        resolution = { outcome: "side", side: source, value: null };
      }
    }
    const rule: { rule: WriteRule; node?: string } = choice
      ? { rule: "operator" }
      : { rule: `conflict:${policy.strategy}`, ...(policy.node ? { node: policy.node } : {}) };
    if (resolution.outcome === "review") {
      parked.push({
        kind: "conflict",
        groupKey: key,
        fields: { a: [...policy.a], b: [...policy.b] },
        reason: resolution.reason,
        values: conflictValues,
        strategy: policy.strategy,
        ...(policy.node ? { node: policy.node } : {}),
      });
      drop("a", intoA);
      drop("b", intoB);
      for (const field of policy.a) outcomes.a.held.add(field);
      for (const field of policy.b) outcomes.b.held.add(field);
      continue;
    }
    if (resolution.outcome === "side") {
      // The loser's value is not carried; the winner's is.
      drop(resolution.side, resolution.side === "a" ? intoA : intoB);
      for (const field of resolution.side === "a" ? intoB : intoA) ruleOf.set(field, rule);
      continue;
    }
    if (policy.a.length !== 1 || policy.b.length !== 1) {
      parked.push({
        kind: "conflict",
        groupKey: key,
        fields: { a: [...policy.a], b: [...policy.b] },
        reason: "a single value cannot settle a conflict over several fields; choose a side",
        values: conflictValues,
        strategy: policy.strategy,
        ...(policy.node ? { node: policy.node } : {}),
      });
      drop("a", intoA);
      drop("b", intoB);
      continue;
    }
    const [fieldA = "", fieldB = ""] = [policy.a[0], policy.b[0]];
    outcomes.b.candidates.set(fieldA, { field: fieldA, value: resolution.value });
    outcomes.a.candidates.set(fieldB, { field: fieldB, value: resolution.value });
    ruleOf.set(fieldA, rule);
    ruleOf.set(fieldB, rule);
  }

  for (const side of ["a", "b"] as const) {
    for (const item of outcomes[side].unconvertible) {
      parked.push({
        kind: "unconvertible",
        groupKey: `convert:${otherSide(side)}.${item.field}`,
        fields: side === "a" ? { a: [], b: [item.field] } : { a: [item.field], b: [] },
        reason: `${otherSide(side).toUpperCase()}.${item.field}: ${item.reason}`,
        values: {
          a: side === "a" ? null : valueOf("a", item.field),
          b: side === "b" ? null : valueOf("b", item.field),
          base: null,
        },
        ...(item.node ? { node: item.node } : {}),
      });
    }
  }

  const patches: PerSide<Record<string, unknown>> = { a: {}, b: {} };
  let create: { side: Side; fields: Record<string, unknown> } | null = null;
  for (const from of ["a", "b"] as const) {
    const into = otherSide(from);
    const outcome = outcomes[from];
    if (creating === into) {
      if (input.mayCreate && outcome.evaluation?.included && outcome.unconvertible.length === 0) {
        create = { side: into, fields: outcome.evaluation.record };
      }
      continue;
    }
    const defaultRule: WriteRule =
      firstContact && from !== source ? "first-contact" : `${from}-changed`;
    for (const candidate of outcome.candidates.values()) {
      const before = valueOf(into, candidate.field);
      if (sameValue(before, candidate.value)) {
        agreed.push(`${into}.${candidate.field}`);
        continue;
      }
      patches[into][candidate.field] = candidate.value;
      const rule = ruleOf.get(candidate.field) ?? { rule: defaultRule };
      writes.push({
        side: into,
        field: candidate.field,
        before: before ?? null,
        after: candidate.value,
        ...rule,
      });
    }
  }

  const nextShadow = (side: Side): Shadow | null => {
    const record = records[side];
    if (!record) return null;
    const next = applyPatch(plan, side, record, patches[side]);
    const previous = shadows[side];
    for (const field of outcomes[side].held) {
      if (previous && field in previous) next[field] = previous[field];
      else delete next[field];
    }
    return next;
  };
  const excluded = [outcomes.a.excluded, outcomes.b.excluded].filter(
    (x): x is Exclusion => x !== null,
  );
  return {
    kind: "apply",
    patches,
    create,
    writes,
    agreed,
    parked,
    excluded,
    shadows: { a: nextShadow("a"), b: nextShadow("b") },
    firstContact,
  };
}
