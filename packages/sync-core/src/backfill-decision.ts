import { decideStep, matchesShadow, type Shadow, type StepDecision } from "./decide-step";
import type { PreparedSyncPlan } from "./prepared-plan";
import { otherSide, type PerSide, type Side } from "./sides";

/** What a backfill (or its dry run) does with one pair or one unmatched record. */
export type BackfillOutcome = "unchanged" | "updated" | "created" | "parked" | "unmatched";

export interface BackfillPairInput {
  plan: PreparedSyncPlan;
  /** Each side's record fields; null for the side an unmatched record has no counterpart on. */
  records: PerSide<Record<string, unknown> | null>;
  /** The shadows of an existing link; null for a pair never synced. */
  shadows: PerSide<Shadow | null>;
  changedAt: PerSide<string | null>;
}

export interface BackfillPairDecision {
  outcome: BackfillOutcome;
  /** The side the step was decided from. */
  source: Side;
  decision: StepDecision;
}

/**
 * Whether the plan carries records from `source` at all: only then does a backfill create an
 * unmatched record's counterpart (a direction with no targets would create an empty record).
 */
export function createsFrom(plan: PreparedSyncPlan, source: Side): boolean {
  return plan.from[source].targets.length > 0;
}

function sourceOf(input: BackfillPairInput): Side {
  const { plan, records, shadows } = input;
  if (!records.a) return "b";
  if (!records.b) return "a";
  if (!shadows.a || !shadows.b) return "a";
  // A pair already synced: decided from the side that moved from its shadow.
  if (
    matchesShadow(plan, "a", records.a, shadows.a) &&
    !matchesShadow(plan, "b", records.b, shadows.b)
  )
    return "b";
  return "a";
}

/** Stands in for the base a pair never synced lacks; never equal to a vendor's value. */
const NO_BASE: Readonly<Record<string, true>> = Object.freeze({ "tandem:no-base": true });

/**
 * A field no shadow holds has no base, so `decideStep` counts it as changed only on the source
 * (and on the other side where that side owns it). For fields under a manual-review rule that
 * would let side A overwrite B silently: those count as changed on B too, so a difference
 * there is a conflict the operator decides, as the rule asks, until a base is agreed.
 */
function withManualReviewBases(plan: PreparedSyncPlan, shadow: Shadow | null): Shadow | null {
  const missing = plan.plan.conflicts
    .filter((policy) => policy.strategy === "manual-review")
    .flatMap((policy) => policy.b)
    .filter((field) => !shadow || !(field in shadow));
  if (missing.length === 0) return shadow;
  return { ...shadow, ...Object.fromEntries(missing.map((field) => [field, NO_BASE])) };
}

function withoutNoBase(decision: StepDecision): StepDecision {
  if (decision.kind !== "apply") return decision;
  const scrub = (shadow: Shadow | null) =>
    shadow && Object.fromEntries(Object.entries(shadow).filter(([, value]) => value !== NO_BASE));
  return {
    ...decision,
    shadows: { a: scrub(decision.shadows.a), b: scrub(decision.shadows.b) },
    parked: decision.parked.map((parked) =>
      parked.values.base === NO_BASE
        ? { ...parked, values: { ...parked.values, base: null } }
        : parked,
    ),
  };
}

/**
 * The plan's decision for one pair a backfill found, through the same `decideStep` the engine
 * runs per change. A pair never synced is decided as a first contact from side A: the plan's
 * owners and rules settle the fields it covers, A's values the rest (the HRIS side of a
 * template), and a difference under a manual-review rule is parked. A pair already linked is
 * decided from the side that differs from its shadow.
 */
export async function decideBackfillPair(input: BackfillPairInput): Promise<BackfillPairDecision> {
  const source = sourceOf(input);
  const other = otherSide(source);
  const missing = input.records[other] === null;
  const shadows = missing
    ? input.shadows
    : { a: input.shadows.a, b: withManualReviewBases(input.plan, input.shadows.b) };
  const decision = await decideStep({
    plan: input.plan,
    source,
    records: input.records,
    shadows,
    changedAt: input.changedAt,
    mayCreate: missing && createsFrom(input.plan, source),
  });
  const settled = shadows.b === input.shadows.b ? decision : withoutNoBase(decision);
  return { outcome: outcomeOf(settled, missing), source, decision: settled };
}

function outcomeOf(decision: StepDecision, missing: boolean): BackfillOutcome {
  if (decision.kind === "suppressed") return missing ? "unmatched" : "unchanged";
  if (missing)
    return decision.create ? "created" : decision.parked.length > 0 ? "parked" : "unmatched";
  if (decision.writes.length > 0) return "updated";
  if (decision.parked.length > 0) return "parked";
  return "unchanged";
}

/** One field difference a dry run shows: which pair, the value now and the value it would get. */
export interface FieldDiffSample {
  aId: string | null;
  bId: string | null;
  before: unknown;
  after: unknown;
}

/** Field differences of one decision, keyed "a.<field>" / "b.<field>" (the side written). */
export function fieldDiffsOf(
  decision: StepDecision,
  ids: PerSide<string | null>,
): { field: string; sample: FieldDiffSample }[] {
  if (decision.kind !== "apply") return [];
  return decision.writes.map((write) => ({
    field: `${write.side}.${write.field}`,
    sample: { aId: ids.a, bId: ids.b, before: write.before, after: write.after },
  }));
}
