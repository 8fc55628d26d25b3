import { randomUUID } from "node:crypto";
import { Context } from "@temporalio/activity";
import { ConnectorError, withRetries, type EntityRecord } from "@tandem/connectors";
import type { Db, Prisma, RecordLink } from "@tandem/db";
import {
  createIdempotencyKey,
  decideBackfillPair,
  directionLabel,
  fieldDiffsOf,
  otherSide,
  projectShadow,
  writeIdempotencyKey,
  type BackfillPairDecision,
  type PerSide,
  type Shadow,
  type Side,
} from "@tandem/sync-core";
import {
  SAMPLES_PER_FIELD,
  emptyBackfillCounts,
  type BackfillMode,
  type BackfillPageResult,
  type FieldDiffs,
} from "../backfill-shapes";
import type { SyncRef } from "../shared";
import { ID_CHUNK, chunked, loadForBackfill, type StoredRecord } from "./backfill-snapshot";
import { finishAuditRows, parkedOutcome } from "./audit-rows";
import { inPool } from "./in-pool";
import { findCounterpart } from "./record-matcher";
import { fingerprintOf, recordRef, reviewOfParked, type ReviewChange } from "./review-items";
import type { SyncContext, SyncContextLoader } from "./sync-context";

export interface BackfillPageInput {
  ref: SyncRef;
  backfillId: string;
  mode: BackfillMode;
  /** The page: work-list items with `fromSeq <= seq < toSeq`. */
  fromSeq: number;
  toSeq: number;
}

/** What was decided for one work-list item, and what is done about it. */
interface Work {
  ids: PerSide<string | null>;
  records: PerSide<EntityRecord | null>;
  link: RecordLink | null;
  /** The side an existing half link gets this pair's id for. */
  claim: Side | null;
  /** True when this pair gets a link it did not have. */
  linking: boolean;
  decided: BackfillPairDecision | null;
  /** The shadows the decision was taken against (null for a pair never synced). */
  shadows: PerSide<Shadow | null>;
  outcome: keyof ReturnType<typeof emptyBackfillCounts> | "done";
  reviews: ReviewChange[];
  /** Audit rows of this item, `reviewFingerprint` resolved on commit. */
  audit: AuditRow[];
  /** Sides a write went through on (audited even when the other side then refused). */
  wrote: Set<Side>;
  /** The link's next state, written with compare-and-set on its revision. */
  next: { shadows: PerSide<Shadow | null>; created: { side: Side; id: string } | null } | null;
}

type AuditRow = Omit<
  Prisma.AuditEntryCreateManyInput,
  "workflowId" | "runId" | "workspaceId" | "syncId" | "planVersion"
> & { reviewFingerprint?: string };

const MAX_STALE_RETRIES = 3;
const idColumn = (side: Side) => (side === "a" ? "aId" : "bId");
const parseShadow = (text: string | null | undefined): Shadow | null =>
  text ? (JSON.parse(text) as Shadow) : null;
const json = (value: unknown) => JSON.stringify(value ?? null);

class LinkMoved extends Error {}

/**
 * One page of a backfill's work list, in one activity: decide every pair with the plan, and
 * (unless a dry run) link pairs, write only the differing fields through the connectors with
 * content-derived idempotency keys, create counterparts the plan creates, park what an operator
 * must decide, and commit links, review items and audit rows in one transaction. Links a pair
 * needs before a vendor call (the write's key names the link; a create records its intent) are
 * committed first, in one transaction for the page. A retried page finds those links and goes
 * on with the same keys, so no write or create is made twice.
 */
export function createBackfillPageActivity(
  db: Db,
  loadContext: SyncContextLoader,
  options: { concurrency?: number } = {},
) {
  const concurrency = options.concurrency ?? 16;

  return async function processBackfillPage(input: BackfillPageInput): Promise<BackfillPageResult> {
    const ctx = await loadForBackfill(loadContext, input.ref);
    const { workspaceId, syncId } = input.ref;
    const entity = ctx.plan.sides.a.entity;
    const items = await db.backfillItem.findMany({
      where: {
        workspaceId,
        backfillId: input.backfillId,
        seq: { gte: input.fromSeq, lt: input.toSeq },
      },
      orderBy: { seq: "asc" },
    });
    const idsOf = (side: Side) =>
      items.flatMap((item) => {
        const id = item[idColumn(side)];
        return id ? [id] : [];
      });
    const stored: { side: string; externalId: string; record: string }[] = [];
    const links: RecordLink[] = [];
    for (const side of ["a", "b"] as const)
      await chunked(idsOf(side), ID_CHUNK, async (ids) => {
        const [records, linked] = await Promise.all([
          db.backfillRecord.findMany({
            where: { workspaceId, backfillId: input.backfillId, side, externalId: { in: ids } },
            select: { side: true, externalId: true, record: true },
          }),
          db.recordLink.findMany({
            where: { workspaceId, syncId, entity, [idColumn(side)]: { in: ids } },
          }),
        ]);
        stored.push(...records);
        links.push(...linked);
      });
    const recordOf = new Map<string, EntityRecord>();
    for (const row of stored)
      recordOf.set(`${row.side}:${row.externalId}`, {
        id: row.externalId,
        ...(JSON.parse(row.record) as StoredRecord),
      });
    const linkOf = new Map<string, RecordLink>();
    for (const link of links) {
      if (link.aId) linkOf.set(`a:${link.aId}`, link);
      if (link.bId) linkOf.set(`b:${link.bId}`, link);
    }

    const works: Work[] = [];
    await inPool(items, concurrency, async (item) => {
      const ids = { a: item.aId, b: item.bId };
      const work: Work = {
        ids,
        records: {
          a: ids.a ? (recordOf.get(`a:${ids.a}`) ?? null) : null,
          b: ids.b ? (recordOf.get(`b:${ids.b}`) ?? null) : null,
        },
        link: null,
        claim: null,
        linking: false,
        decided: null,
        shadows: { a: null, b: null },
        outcome: "done",
        reviews: [],
        audit: [],
        wrote: new Set(),
        next: null,
      };
      works.push(work);
      await prepare(db, ctx, item.kind, item.reason, work, linkOf);
    });

    const result: BackfillPageResult = {
      done: works.length,
      counts: emptyBackfillCounts(),
      fieldDiffs: {},
      planHash: ctx.plan.hash,
      atMs: 0,
    };
    if (input.mode === "dry-run") {
      for (const work of works) count(result, work);
      return { ...result, atMs: Date.now() };
    }

    await linkBeforeWrites(db, ctx, works);
    await inPool(
      works.filter((work) => work.decided && work.outcome !== "parked"),
      concurrency,
      (work) => applyWork(ctx, work),
    );
    const info = Context.current().info;
    await commitPage(db, ctx, works, {
      workflowId: info.workflowExecution?.workflowId ?? info.activityId,
      runId: info.workflowExecution?.runId ?? "",
    });
    for (const work of works) count(result, work);
    return { ...result, atMs: Date.now() };
  };
}

function count(result: BackfillPageResult, work: Work) {
  if (work.outcome !== "done") result.counts[work.outcome] += 1;
  if (work.linking) result.counts.linked += 1;
  if (work.decided) addDiffs(result.fieldDiffs, fieldDiffsOf(work.decided.decision, work.ids));
}

function addDiffs(into: FieldDiffs, diffs: ReturnType<typeof fieldDiffsOf>) {
  for (const { field, sample } of diffs) {
    const held = (into[field] ??= { count: 0, samples: [] });
    held.count += 1;
    if (held.samples.length < SAMPLES_PER_FIELD) held.samples.push(sample);
  }
}

/** Works out which link an item uses and what the plan decides for it; no writes. */
async function prepare(
  db: Db,
  ctx: SyncContext,
  kind: string,
  reason: string | null,
  work: Work,
  linkOf: ReadonlyMap<string, RecordLink>,
): Promise<void> {
  const { ids, records } = work;
  const source: Side = ids.a ? "a" : "b";
  const ref = recordRef(source, ids[source] ?? "");
  if (kind === "ambiguous") {
    parkDuplicate(work, ref, `no single counterpart: ${reason ?? "ambiguous match"}`);
    return;
  }
  const linkA = ids.a ? linkOf.get(`a:${ids.a}`) : undefined;
  const linkB = ids.b ? linkOf.get(`b:${ids.b}`) : undefined;
  if (kind === "pair") {
    if (linkA && linkB && linkA.id === linkB.id) work.link = linkA;
    else if (linkA && !linkB && linkA.bId === null) [work.link, work.claim] = [linkA, "b"];
    else if (linkB && !linkA && linkB.aId === null) [work.link, work.claim] = [linkB, "a"];
    else if (linkA || linkB) {
      const holder = linkA ? `B record ${linkA.bId}` : `A record ${linkB?.aId}`;
      parkDuplicate(work, ref, `its match key points at a record already linked to ${holder}`);
      return;
    }
    work.linking = work.link === null || work.claim !== null;
  } else {
    const link = linkA ?? linkB ?? null;
    const other = otherSide(source);
    if (link && link[idColumn(other)] !== null) {
      // Linked, but the counterpart was not listed (gone from that system): nothing to pair.
      work.outcome = "unmatched";
      return;
    }
    work.link = link;
    if (link?.pendingCreate && records[source]) {
      // A create that started earlier (a page retried after a crash): find what it made.
      const made = await findCounterpart(db, ctx, source, records[source], false, true);
      if (made.kind === "matched") {
        const record = await ctx.entities[other].read(made.externalId);
        if (record) {
          records[other] = record;
          ids[other] = record.id;
          work.claim = other;
        }
      }
    }
  }
  if (!records.a && !records.b) {
    work.outcome = "failed";
    return;
  }
  work.shadows =
    work.link && work.claim === null
      ? { a: parseShadow(work.link.shadowA), b: parseShadow(work.link.shadowB) }
      : { a: null, b: null };
  await decide(ctx, work);
}

async function decide(ctx: SyncContext, work: Work): Promise<void> {
  const { records } = work;
  work.decided = await decideBackfillPair({
    plan: ctx.plan,
    records: { a: records.a?.fields ?? null, b: records.b?.fields ?? null },
    shadows: work.shadows,
    changedAt: { a: records.a?.modifiedAt ?? null, b: records.b?.modifiedAt ?? null },
  });
  work.outcome = work.decided.outcome;
}

function parkDuplicate(work: Work, ref: string, reason: string) {
  const review: ReviewChange = {
    fingerprint: fingerprintOf(ref, "duplicate", "record"),
    kind: "duplicate",
    groupKey: "record",
    summary: reason,
    detail: { ids: work.ids, source: "backfill" },
  };
  work.reviews.push(review);
  work.audit.push({
    linkId: null,
    recordRef: ref,
    direction: ref.startsWith("a:") ? "A->B" : "B->A",
    outcome: "parked",
    rule: "likely-duplicate",
    after: json(reason),
    reviewFingerprint: review.fingerprint,
  });
  work.outcome = "parked";
}

const hasPatches = (work: Work) =>
  work.decided?.decision.kind === "apply" &&
  (Object.keys(work.decided.decision.patches.a).length > 0 ||
    Object.keys(work.decided.decision.patches.b).length > 0);
const createOf = (work: Work) =>
  work.decided?.decision.kind === "apply" ? work.decided.decision.create : null;

/**
 * Commits, in one transaction for the page, the links that vendor calls will name: new pairs
 * with fields to write, half links this page completes, and the intent of every create (so a
 * retry looks for what a create made instead of creating it again).
 */
async function linkBeforeWrites(db: Db, ctx: SyncContext, works: Work[]): Promise<void> {
  const { workspaceId, syncId } = ctx.ref;
  const entity = ctx.plan.sides.a.entity;
  const intentOf = (work: Work) => {
    const create = createOf(work);
    if (!create || !work.decided) return null;
    const source = work.decided.source;
    return JSON.stringify({
      side: create.side,
      idempotencyKey: createIdempotencyKey(syncId, source, work.ids[source] ?? ""),
    });
  };
  const fresh = works.filter(
    (work) => work.decided && work.link === null && (hasPatches(work) || createOf(work)),
  );
  const moved = works.filter(
    (work) => work.link && (work.claim !== null || (createOf(work) && !work.link.pendingCreate)),
  );
  if (fresh.length === 0 && moved.length === 0) return;
  const now = new Date();
  const rows = fresh.map((work) => ({
    id: randomUUID(),
    workspaceId,
    syncId,
    entity,
    aId: work.ids.a,
    bId: work.ids.b,
    pendingCreate: intentOf(work),
    createdAt: now,
    updatedAt: now,
  }));
  await db.$transaction(async (tx) => {
    if (rows.length > 0) await tx.recordLink.createMany({ data: rows });
    for (const work of moved) {
      const link = work.link as RecordLink;
      const intent = intentOf(work);
      const data = {
        ...(work.claim ? { [idColumn(work.claim)]: work.ids[work.claim] } : {}),
        pendingCreate: intent ?? null,
        revision: { increment: 1 },
      };
      const claimed = await tx.recordLink.updateMany({
        where: {
          workspaceId,
          id: link.id,
          revision: link.revision,
          ...(work.claim ? { [idColumn(work.claim)]: null } : {}),
        },
        data,
      });
      if (claimed.count !== 1) throw new LinkMoved(`link ${link.id} changed while it was claimed`);
    }
  });
  fresh.forEach((work, index) => {
    const row = rows[index];
    if (row)
      work.link = {
        ...row,
        shadowA: null,
        shadowB: null,
        planHash: null,
        revision: 0,
      };
  });
  for (const work of moved) {
    const link = work.link as RecordLink;
    work.link = {
      ...link,
      aId: work.ids.a,
      bId: work.ids.b,
      pendingCreate: intentOf(work),
      revision: link.revision + 1,
    };
    work.claim = null;
  }
}

function refuse(work: Work, side: Side, error: ConnectorError) {
  const linkId = work.link?.id ?? recordRef(side, work.ids[side] ?? "");
  const permanent = error.kind === "permanent";
  const review: ReviewChange = {
    fingerprint: fingerprintOf(linkId, permanent ? "refused" : "failed", side),
    kind: permanent ? "refused" : "failed",
    groupKey: side,
    summary: `${side.toUpperCase()} ${permanent ? "refused" : "kept failing"} the backfill's write: ${error.message}`,
    detail: {
      side,
      status: error.details.status,
      vendorMessage: error.details.vendorMessage ?? error.message,
      source: "backfill",
    },
  };
  work.reviews.push(review);
  work.audit.push({
    linkId: work.link?.id ?? null,
    recordRef: recordRef(side, work.ids[side] ?? ""),
    direction: directionLabel(otherSide(side)),
    outcome: permanent ? "parked" : "failed",
    rule: permanent ? "vendor-refused" : "retries-exhausted",
    after: json(error.message),
    reviewFingerprint: review.fingerprint,
  });
  work.outcome = "failed";
  work.next = null;
}

const vendor = <T>(call: () => Promise<T>) => withRetries(call, { maxAttempts: 5 });

/**
 * Writes one pair's patches (only the differing fields, with the version read and a key
 * derived from the content) and creates its missing counterpart. A stale answer re-reads both
 * records and decides again; a refusal or exhausted retries park the pair for an operator.
 */
async function applyWork(ctx: SyncContext, work: Work): Promise<void> {
  const link = work.link;
  if (!link || !work.decided) return;
  for (let attempt = 0; ; attempt += 1) {
    const decision = work.decided.decision;
    if (decision.kind !== "apply") return;
    let stale = false;
    for (const side of ["a", "b"] as const) {
      const patch = decision.patches[side];
      const record = work.records[side];
      if (!record || Object.keys(patch).length === 0) continue;
      try {
        const written = await vendor(() =>
          ctx.entities[side].update(record.id, patch, {
            idempotencyKey: writeIdempotencyKey(link.id, side, link.revision, patch),
            ...(record.version === undefined ? {} : { version: record.version }),
          }),
        );
        work.wrote.add(side);
        if (written) work.records[side] = written;
      } catch (error) {
        if (!(error instanceof ConnectorError)) throw error;
        if (error.kind === "stale") {
          stale = true;
          break;
        }
        refuse(work, side, error);
        return;
      }
    }
    if (stale) {
      if (attempt + 1 >= MAX_STALE_RETRIES) {
        refuse(
          work,
          "a",
          new ConnectorError("the record kept changing while the backfill wrote it", "retryable"),
        );
        return;
      }
      for (const side of ["a", "b"] as const) {
        const id = work.ids[side];
        if (id) work.records[side] = await vendor(() => ctx.entities[side].read(id));
      }
      await decide(ctx, work);
      continue;
    }
    let created: { side: Side; id: string } | null = null;
    const shadows = { ...decision.shadows };
    if (decision.create) {
      const source = work.decided.source;
      const createSide = decision.create.side;
      const fields = decision.create.fields;
      try {
        const record = await vendor(() =>
          ctx.entities[createSide].create(fields, {
            idempotencyKey: createIdempotencyKey(ctx.ref.syncId, source, work.ids[source] ?? ""),
          }),
        );
        work.records[createSide] = record;
        work.ids[createSide] = record.id;
        created = { side: createSide, id: record.id };
        shadows[createSide] = projectShadow(ctx.plan, createSide, record.fields);
      } catch (error) {
        if (!(error instanceof ConnectorError)) throw error;
        refuse(work, createSide, error);
        return;
      }
    }
    work.next = { shadows, created };
    return;
  }
}

/** Links, review items and audit rows of a page, in one transaction. */
async function commitPage(
  db: Db,
  ctx: SyncContext,
  works: Work[],
  run: { workflowId: string; runId: string },
): Promise<void> {
  const { workspaceId, syncId } = ctx.ref;
  const planHash = ctx.plan.hash;
  const entity = ctx.plan.sides.a.entity;
  const now = new Date();
  const newLinks: Prisma.RecordLinkCreateManyInput[] = [];
  const updates: {
    work: Work;
    link: RecordLink;
    data: Prisma.RecordLinkUpdateManyMutationInput;
  }[] = [];
  for (const work of works) {
    const decision = work.decided?.decision;
    if (!decision || decision.kind !== "apply" || work.outcome === "failed") continue;
    const next = work.next ?? { shadows: decision.shadows, created: null };
    const shadowData = {
      shadowA: next.shadows.a ? JSON.stringify(next.shadows.a) : null,
      shadowB: next.shadows.b ? JSON.stringify(next.shadows.b) : null,
      planHash,
    };
    if (work.link === null) {
      if (!work.ids.a || !work.ids.b) continue;
      const id = randomUUID();
      newLinks.push({
        id,
        workspaceId,
        syncId,
        entity,
        aId: work.ids.a,
        bId: work.ids.b,
        ...shadowData,
        revision: 1,
        createdAt: now,
        updatedAt: now,
      });
      work.link = { ...(newLinks.at(-1) as RecordLink), pendingCreate: null, revision: 1 };
      continue;
    }
    updates.push({
      work,
      link: work.link,
      data: {
        ...shadowData,
        ...(next.created ? { [idColumn(next.created.side)]: next.created.id } : {}),
        ...(work.link.pendingCreate ? { pendingCreate: null } : {}),
        revision: { increment: 1 },
      },
    });
  }
  for (const work of works) auditDecision(ctx, work);

  await db.$transaction(async (tx) => {
    if (newLinks.length > 0) await tx.recordLink.createMany({ data: newLinks });
    for (const { link, data } of updates) {
      // The executor may have stepped this pair meanwhile: its state wins, nothing is overwritten.
      await tx.recordLink.updateMany({
        where: { workspaceId, id: link.id, revision: link.revision },
        data,
      });
    }
    const reviewIds = new Map<string, string>();
    for (const work of works)
      for (const review of work.reviews) {
        const item = await tx.reviewItem.upsert({
          where: { syncId_fingerprint: { syncId, fingerprint: review.fingerprint } },
          create: {
            workspaceId,
            syncId,
            linkId: work.link?.id ?? null,
            recordRef: recordRef(work.ids.a ? "a" : "b", work.ids.a ?? work.ids.b ?? ""),
            kind: review.kind,
            fingerprint: review.fingerprint,
            groupKey: review.groupKey,
            summary: review.summary,
            detail: JSON.stringify(review.detail),
            planHash,
          },
          update: {
            status: "open",
            resolution: null,
            occurrences: { increment: 1 },
            summary: review.summary,
            detail: JSON.stringify(review.detail),
            planHash,
          },
          select: { id: true },
        });
        reviewIds.set(review.fingerprint, item.id);
      }
    const audit = works.flatMap((work) =>
      work.audit.map(({ reviewFingerprint, ...row }) => ({
        ...row,
        linkId: row.linkId ?? work.link?.id ?? null,
        aId: row.aId ?? work.ids.a,
        bId: row.bId ?? work.ids.b,
        workspaceId,
        syncId,
        planVersion: planHash,
        ...run,
        reviewItemId: reviewFingerprint ? (reviewIds.get(reviewFingerprint) ?? null) : null,
      })),
    );
    if (audit.length > 0) await tx.auditEntry.createMany({ data: finishAuditRows(ctx, audit) });
  });
}

/** The audit rows of what was decided and done for one item (before its review items). */
function auditDecision(ctx: SyncContext, work: Work) {
  const decided = work.decided;
  if (!decided) return;
  const decision = decided.decision;
  const source = decided.source;
  const ref = recordRef(source, work.ids[source] ?? "");
  const base = { linkId: work.link?.id ?? null, recordRef: ref };
  if (work.outcome === "failed") {
    // The other side refused after this one took its write: that write happened, so it is audited.
    if (decision.kind === "apply")
      for (const write of decision.writes)
        if (work.wrote.has(write.side)) work.audit.push(writtenRow(base, write));
    return;
  }
  if (work.linking)
    work.audit.push({
      ...base,
      direction: directionLabel(source),
      outcome: "linked",
      rule: "backfill: the plan's match keys",
    });
  if (decision.kind !== "apply") return;
  for (const write of decision.writes) work.audit.push(writtenRow(base, write));
  const created = work.next?.created;
  const record = created ? work.records[created.side] : null;
  if (created && record)
    for (const [field, value] of Object.entries(
      projectShadow(ctx.plan, created.side, record.fields),
    ))
      work.audit.push({
        ...base,
        direction: directionLabel(source),
        outcome: "created",
        field,
        before: null,
        after: json(value),
        rule: "created",
      });
  for (const parked of decision.parked) {
    const review = reviewOfParked(work.link?.id ?? ref, parked, ctx.plan.hash);
    work.reviews.push(review);
    work.audit.push({
      ...base,
      direction: directionLabel(source),
      outcome: parkedOutcome(parked.kind),
      field: [...parked.fields.a, ...parked.fields.b].join(", "),
      rule: parked.kind,
      after: json(parked.reason),
      reviewFingerprint: review.fingerprint,
    });
  }
}

type FieldWrite = Extract<BackfillPairDecision["decision"], { kind: "apply" }>["writes"][number];

function writtenRow(
  base: { linkId: string | null; recordRef: string },
  write: FieldWrite,
): AuditRow {
  return {
    ...base,
    direction: directionLabel(otherSide(write.side)),
    outcome: "written",
    field: write.field,
    before: json(write.before),
    after: json(write.after),
    rule: write.node ? `${write.rule} (${write.node})` : write.rule,
  };
}
