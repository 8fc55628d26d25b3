import { ConnectorError, type EntityRecord } from "@tandem/connectors";
import type { Db, LinkStepUpdate, Prisma, RecordLink, ReviewItem, SyncEvent } from "@tandem/db";
import {
  createIdempotencyKey,
  decideStep,
  directionLabel,
  matchesShadow,
  otherSide,
  UNCHANGED_SINCE_SYNC,
  projectShadow,
  writeIdempotencyKey,
  type OperatorChoice,
  type PerSide,
  type Shadow,
  type Side,
  type StepDecision,
} from "@tandem/sync-core";
import { parkedOutcome } from "./audit-rows";
import { findCounterpart } from "./record-matcher";
import {
  choiceOf,
  fingerprintOf,
  recordRef,
  resolutionOf,
  reviewOfParked,
  type ReviewChange,
} from "./review-items";
import type { SyncContext } from "./sync-context";

/** A record's changes in one drain: one step settles them all (it reads current state). */
export interface StepTarget {
  source: Side;
  externalId: string;
  link: RecordLink | null;
  /** Oldest first; all from `source` about `externalId`. */
  events: SyncEvent[];
  /** Open or answered review items of this record. */
  openItems: ReviewItem[];
}

/** An audit row as a step writes it; the drain adds the workflow run. */
export type StepAudit = Omit<
  Prisma.AuditEntryCreateManyInput,
  "workflowId" | "runId" | "workspaceId" | "syncId"
> & {
  /** Resolved to `reviewItemId` once the review item is stored. */
  reviewFingerprint?: string;
};

export type StepStatus = "applied" | "suppressed" | "parked" | "failed" | "ignored";

/** Everything a step decided, for the drain to commit in one transaction. */
export interface StepCommit {
  /** Compare-and-set on the link's revision. */
  link: { id: string; revision: number; update: LinkStepUpdate } | null;
  audit: StepAudit[];
  reviews: ReviewChange[];
  /** Review items this step settled (the difference is gone, or an answer was applied). */
  closed: { id: string; status: "resolved" | "dismissed" }[];
  outcome:
    | { status: StepStatus; error?: string; reviewFingerprint?: string }
    | { status: "retry"; error: string; retryAfterMs?: number };
}

const MAX_STALE_RETRIES = 3;
const idColumn = (side: Side) => (side === "a" ? "aId" : "bId");
const shadowColumn = (side: Side) => (side === "a" ? "shadowA" : "shadowB");

function parseShadow(text: string | null | undefined): Shadow | null {
  return text ? (JSON.parse(text) as Shadow) : null;
}

const json = (value: unknown) => JSON.stringify(value ?? null);

interface PendingCreate {
  side: Side;
  idempotencyKey: string;
}

/**
 * One step for one record: read both sides, decide with the published plan, write only what
 * changed (with the version read; a stale answer means read and decide again), create a missing
 * counterpart with its intent recorded first, and describe the outcome for the drain to commit.
 */
export async function stepRecord(
  db: Db,
  ctx: SyncContext,
  target: StepTarget,
): Promise<StepCommit> {
  const { plan, entities } = ctx;
  const { source } = target;
  const other = otherSide(source);
  const primary = target.events[target.events.length - 1];
  const ref = recordRef(source, target.externalId);
  const base = {
    planVersion: plan.hash,
    deliveryId: primary?.deliveryId ?? null,
    webhookEventId: primary?.webhookEventId ?? null,
    stepId: primary?.id ?? null,
    recordRef: ref,
  };
  const commit: StepCommit = {
    link: null,
    audit: [],
    reviews: [],
    closed: [],
    outcome: { status: "applied" },
  };
  let link = target.link;
  // Rows name the pair as the step knows it when it writes them, a link made on the way included.
  const pair = () => ({
    aId: link?.aId ?? (source === "a" ? target.externalId : null),
    bId: link?.bId ?? (source === "b" ? target.externalId : null),
  });
  const audit = (row: StepAudit): void => {
    commit.audit.push({ ...pair(), ...row });
  };

  const answered = target.openItems.filter((item) => item.status === "resolving");
  const choices = new Map<string, OperatorChoice>();
  let mayCreate = true;
  let linkTo: string | null = null;
  for (const item of answered) {
    const resolution = resolutionOf(item);
    if (!resolution) continue;
    const choice = choiceOf(resolution);
    if (choice) choices.set(item.groupKey, choice);
    if (resolution.action === "link") linkTo = resolution.externalId;
  }
  const duplicateItem = target.openItems.find((item) => item.kind === "duplicate");
  const duplicateAnswer = duplicateItem ? resolutionOf(duplicateItem) : null;
  if (duplicateItem && duplicateItem.status === "open") mayCreate = false;

  try {
    for (let attempt = 0; ; attempt += 1) {
      const sourceRecord = await entities[source].read(target.externalId);
      if (!sourceRecord) {
        audit({
          ...base,
          linkId: link?.id ?? null,
          direction: directionLabel(source),
          outcome: "ignored",
          rule: `the ${source.toUpperCase()} record no longer exists`,
        });
        commit.outcome = { status: "ignored", error: "the record no longer exists" };
        return commit;
      }
      const shadows: PerSide<Shadow | null> = {
        a: parseShadow(link?.shadowA),
        b: parseShadow(link?.shadowB),
      };
      const pending = link?.pendingCreate
        ? (JSON.parse(link.pendingCreate) as PendingCreate)
        : null;

      if (!link) {
        const found = linkTo
          ? { kind: "chosen" as const, externalId: linkTo }
          : await findCounterpart(
              db,
              ctx,
              source,
              sourceRecord,
              duplicateAnswer?.action === "create",
            );
        if (found.kind === "duplicate" || found.kind === "claimed") {
          const review: ReviewChange = {
            fingerprint: fingerprintOf(ref, "duplicate", "record"),
            kind: "duplicate",
            groupKey: "record",
            summary: found.reason,
            detail: { candidate: found.candidateId, side: other, planHash: plan.hash },
          };
          commit.reviews.push(review);
          audit({
            ...base,
            linkId: null,
            direction: directionLabel(source),
            outcome: "parked",
            rule: "likely-duplicate",
            after: json(found.reason),
            reviewFingerprint: review.fingerprint,
          });
          commit.outcome = {
            status: "parked",
            error: found.reason,
            reviewFingerprint: review.fingerprint,
          };
          return commit;
        }
        link = await linkRecords(
          db,
          ctx,
          source,
          target.externalId,
          found.kind === "none" ? null : found.externalId,
        );
      }

      // The source still holds what was last synced (an echo of our own write, a redelivery):
      // nothing to decide, so the other side is not read. decideStep would say the same.
      const sourceShadow = shadows[source];
      if (
        sourceShadow &&
        !pending &&
        matchesShadow(plan, source, sourceRecord.fields, sourceShadow)
      ) {
        suppress(
          commit,
          { ...base, ...pair() },
          link.id,
          source,
          target.openItems,
          UNCHANGED_SINCE_SYNC,
        );
        return commit;
      }

      const otherId = link[idColumn(other)];
      let otherRecord: EntityRecord | null = otherId ? await entities[other].read(otherId) : null;
      if (otherId && !otherRecord) {
        const reason = `the linked ${other.toUpperCase()} record ${otherId} no longer exists; Tandem does not re-create it`;
        const review: ReviewChange = {
          fingerprint: fingerprintOf(link.id, "refused", "missing"),
          kind: "refused",
          groupKey: "missing",
          summary: reason,
          detail: { side: other, externalId: otherId, planHash: plan.hash },
        };
        commit.reviews.push(review);
        audit({
          ...base,
          linkId: link.id,
          direction: directionLabel(source),
          outcome: "parked",
          rule: "linked-record-missing",
          reviewFingerprint: review.fingerprint,
        });
        commit.outcome = { status: "parked", error: reason, reviewFingerprint: review.fingerprint };
        return commit;
      }
      if (!otherRecord && pending?.side === other) {
        // A create was started and its result not recorded (a crash, a timeout): look for what
        // it may have made before making anything.
        const made = await findCounterpart(db, ctx, source, sourceRecord, false, true);
        if (made.kind === "matched") {
          otherRecord = await entities[other].read(made.externalId);
          if (otherRecord) link = await recordCreated(db, link, other, made.externalId, null);
        }
      }

      const decision: StepDecision = await decideStep({
        plan,
        source,
        records: {
          [source]: sourceRecord.fields,
          [other]: otherRecord?.fields ?? null,
        } as PerSide<Record<string, unknown> | null>,
        shadows,
        changedAt: {
          [source]: sourceRecord.modifiedAt,
          [other]: otherRecord?.modifiedAt ?? null,
        } as PerSide<string | null>,
        mayCreate,
        choices,
      });
      if (decision.kind === "suppressed") {
        suppress(
          commit,
          { ...base, ...pair() },
          link.id,
          source,
          target.openItems,
          decision.reason,
        );
        return commit;
      }

      const records: PerSide<EntityRecord | null> = {
        [source]: sourceRecord,
        [other]: otherRecord,
      } as PerSide<EntityRecord | null>;
      let stale = false;
      const refused: { side: Side; error: ConnectorError }[] = [];
      for (const side of ["a", "b"] as const) {
        const patch = decision.patches[side];
        const record = records[side];
        if (!record || Object.keys(patch).length === 0) continue;
        try {
          const written = await entities[side].update(record.id, patch, {
            idempotencyKey: writeIdempotencyKey(link.id, side, link.revision, patch),
            ...(record.version === undefined ? {} : { version: record.version }),
          });
          if (written) records[side] = written;
        } catch (error) {
          if (!(error instanceof ConnectorError)) throw error;
          if (error.kind === "stale") {
            stale = true;
            break;
          }
          if (error.kind === "retryable") throw error;
          refused.push({ side, error });
        }
      }
      if (stale) {
        if (attempt + 1 >= MAX_STALE_RETRIES) {
          commit.outcome = {
            status: "retry",
            error: "the record kept changing while it was written",
          };
          return commit;
        }
        continue;
      }

      let created: { side: Side; record: EntityRecord } | null = null;
      if (decision.create) {
        const createSide = decision.create.side;
        const idempotencyKey = createIdempotencyKey(ctx.ref.syncId, source, target.externalId);
        link = await recordCreateIntent(db, link, { side: createSide, idempotencyKey });
        try {
          const record = await entities[createSide].create(decision.create.fields, {
            idempotencyKey,
          });
          created = { side: createSide, record };
          ctx.listings?.remember(createSide, record);
        } catch (error) {
          if (!(error instanceof ConnectorError) || error.kind === "retryable") throw error;
          refused.push({ side: createSide, error });
        }
      }

      // Shadows: what each side holds now. A side whose write was refused keeps its old shadow,
      // and so does the source, so the change stays pending and the review item holds it.
      const next = { ...decision.shadows };
      for (const { side } of refused) {
        next[side] = shadows[side];
        next[source] = shadows[source];
      }
      if (created) next[created.side] = projectShadow(plan, created.side, created.record.fields);
      const refusedSides = new Set(refused.map((r) => r.side));
      commit.link = {
        id: link.id,
        revision: link.revision,
        update: {
          shadowA: next.a ? JSON.stringify(next.a) : null,
          shadowB: next.b ? JSON.stringify(next.b) : null,
          planHash: plan.hash,
          created: created ? { side: created.side, externalId: created.record.id } : null,
        },
      };

      for (const write of decision.writes) {
        if (refusedSides.has(write.side)) continue;
        audit({
          ...base,
          linkId: link.id,
          direction: directionLabel(otherSide(write.side)),
          outcome: "written",
          field: write.field,
          before: json(write.before),
          after: json(write.after),
          rule: write.node ? `${write.rule} (${write.node})` : write.rule,
        });
      }
      if (created) {
        for (const [field, value] of Object.entries(
          projectShadow(plan, created.side, created.record.fields),
        ))
          audit({
            ...base,
            linkId: link.id,
            direction: directionLabel(source),
            outcome: "created",
            [idColumn(created.side)]: created.record.id,
            field,
            before: null,
            after: json(value),
            rule: "created",
          });
      }
      for (const exclusion of decision.excluded)
        audit({
          ...base,
          linkId: link.id,
          direction: directionLabel(exclusion.source),
          outcome: "filtered",
          field: exclusion.field,
          rule: `filter (${exclusion.node})`,
          after: json(exclusion.reason),
        });
      const stillParked = new Set<string>();
      for (const parked of decision.parked) {
        const review = reviewOfParked(link.id, parked, plan.hash);
        stillParked.add(review.fingerprint);
        commit.reviews.push(review);
        audit({
          ...base,
          linkId: link.id,
          direction: directionLabel(source),
          outcome: parkedOutcome(parked.kind),
          field: [...parked.fields.a, ...parked.fields.b].join(", "),
          rule: parked.kind,
          after: json(parked.reason),
          reviewFingerprint: review.fingerprint,
        });
      }
      for (const { side, error } of refused) {
        const review: ReviewChange = {
          fingerprint: fingerprintOf(link.id, "refused", side),
          kind: "refused",
          groupKey: side,
          summary: `${side.toUpperCase()} refused the write: ${error.message}`,
          detail: {
            side,
            patch: decision.patches[side],
            create: decision.create?.side === side ? decision.create.fields : undefined,
            status: error.details.status,
            vendorMessage: error.details.vendorMessage ?? error.message,
            planHash: plan.hash,
          },
        };
        stillParked.add(review.fingerprint);
        commit.reviews.push(review);
        audit({
          ...base,
          linkId: link.id,
          direction: directionLabel(otherSide(side)),
          outcome: "parked",
          rule: "vendor-refused",
          after: json(error.message),
          reviewFingerprint: review.fingerprint,
        });
      }
      const wrote = commit.audit.some(
        (row) => row.outcome === "written" || row.outcome === "created",
      );
      if (
        !wrote &&
        commit.audit.every((row) => !["parked", "conflicted", "filtered"].includes(row.outcome))
      )
        audit({
          ...base,
          linkId: link.id,
          direction: directionLabel(source),
          outcome: "agreed",
          rule: "both sides already hold these values",
        });
      closeSettled(commit, target.openItems, stillParked);
      const firstParked = commit.reviews[0];
      commit.outcome =
        firstParked && !wrote
          ? {
              status: "parked",
              error: firstParked.summary,
              reviewFingerprint: firstParked.fingerprint,
            }
          : { status: "applied" };
      return commit;
    }
  } catch (error) {
    commit.link = null;
    commit.audit = [];
    commit.reviews = [];
    commit.closed = [];
    if (error instanceof ConnectorError && error.kind === "permanent") {
      // A read or a search the vendor refuses (revoked credentials, a record it hides): the
      // record waits in the review queue; an operator retries once the cause is fixed.
      const review: ReviewChange = {
        fingerprint: fingerprintOf(link?.id ?? ref, "refused", "access"),
        kind: "refused",
        groupKey: "access",
        summary: `the vendor refused access while this change was applied: ${error.message}`,
        detail: {
          status: error.details.status,
          vendorMessage: error.details.vendorMessage ?? error.message,
          planHash: plan.hash,
        },
      };
      commit.reviews.push(review);
      audit({
        ...base,
        linkId: link?.id ?? null,
        direction: directionLabel(source),
        outcome: "parked",
        rule: "vendor-refused",
        after: json(error.message),
        reviewFingerprint: review.fingerprint,
      });
      commit.outcome = {
        status: "parked",
        error: error.message,
        reviewFingerprint: review.fingerprint,
      };
      return commit;
    }
    // Rate limits, outages, and anything unexpected: tried again with backoff, and parked for
    // an operator after too many attempts, never dropped.
    const message = error instanceof Error ? error.message : String(error);
    commit.outcome = {
      status: "retry",
      error: message,
      ...(error instanceof ConnectorError && error.details.retryAfterMs !== undefined
        ? { retryAfterMs: error.details.retryAfterMs }
        : {}),
    };
    return commit;
  }
}

function suppress(
  commit: StepCommit,
  base: Omit<StepAudit, "linkId" | "direction" | "outcome" | "rule">,
  linkId: string,
  source: Side,
  openItems: readonly ReviewItem[],
  reason: string,
) {
  commit.audit.push({
    ...base,
    linkId,
    direction: directionLabel(source),
    outcome: "suppressed",
    rule: reason,
  });
  commit.outcome = { status: "suppressed" };
  closeSettled(commit, openItems, new Set());
}

/** Items of this record whose difference this step no longer found are settled. */
function closeSettled(
  commit: StepCommit,
  items: readonly ReviewItem[],
  stillParked: ReadonlySet<string>,
) {
  for (const item of items) {
    if (
      stillParked.has(item.fingerprint) ||
      (item.kind === "duplicate" && item.status !== "resolving")
    )
      continue;
    const resolution = resolutionOf(item);
    commit.closed.push({
      id: item.id,
      status: resolution?.action === "dismiss" ? "dismissed" : "resolved",
    });
  }
}

async function linkRecords(
  db: Db,
  ctx: SyncContext,
  source: Side,
  externalId: string,
  counterpartId: string | null,
): Promise<RecordLink> {
  const { workspaceId, syncId } = ctx.ref;
  const entity = ctx.plan.sides.a.entity;
  const other = otherSide(source);
  if (counterpartId) {
    // The counterpart may already have a link of its own without this side (its change came
    // first): claim that link, compare-and-set, never overwriting an id it already holds.
    const existing = await db.recordLink.findFirst({
      where: { workspaceId, syncId, entity, [idColumn(other)]: counterpartId },
    });
    if (existing) {
      const claimed = await db.recordLink.updateMany({
        where: {
          workspaceId,
          id: existing.id,
          revision: existing.revision,
          [idColumn(source)]: null,
        },
        data: {
          [idColumn(source)]: externalId,
          // A create started toward this side (its answer lost) is settled by this record.
          ...(pendingCreateSide(existing) === source ? { pendingCreate: null } : {}),
          revision: { increment: 1 },
        },
      });
      const reread = await db.recordLink.findFirst({ where: { workspaceId, id: existing.id } });
      if (claimed.count === 1 && reread) return reread;
      throw new Error(`link ${existing.id} changed while it was claimed`);
    }
  }
  return db.recordLink.create({
    data: {
      workspaceId,
      syncId,
      entity,
      [idColumn(source)]: externalId,
      [idColumn(other)]: counterpartId,
    },
  });
}

function pendingCreateSide(link: RecordLink): Side | null {
  return link.pendingCreate ? (JSON.parse(link.pendingCreate) as PendingCreate).side : null;
}

async function recordCreateIntent(
  db: Db,
  link: RecordLink,
  intent: PendingCreate,
): Promise<RecordLink> {
  const updated = await db.recordLink.updateMany({
    where: { workspaceId: link.workspaceId, id: link.id, revision: link.revision },
    data: { pendingCreate: JSON.stringify(intent), revision: { increment: 1 } },
  });
  if (updated.count !== 1) throw new Error(`link ${link.id} changed while a create was recorded`);
  return { ...link, pendingCreate: JSON.stringify(intent), revision: link.revision + 1 };
}

async function recordCreated(
  db: Db,
  link: RecordLink,
  side: Side,
  externalId: string,
  shadow: Shadow | null,
): Promise<RecordLink> {
  const data = {
    [idColumn(side)]: externalId,
    pendingCreate: null,
    [shadowColumn(side)]: shadow ? JSON.stringify(shadow) : null,
  };
  const updated = await db.recordLink.updateMany({
    where: { workspaceId: link.workspaceId, id: link.id, revision: link.revision },
    data: { ...data, revision: { increment: 1 } },
  });
  if (updated.count !== 1) throw new Error(`link ${link.id} changed while a create was recorded`);
  return { ...link, ...data, revision: link.revision + 1 };
}
