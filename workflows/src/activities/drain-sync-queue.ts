import { Context } from "@temporalio/activity";
import {
  insertAuditRows,
  prismaSqlTx,
  providerOf,
  sqlTransaction,
  valuesList,
  type SqlTx,
  dueSyncEvents,
  nextDueAt,
  updateLinkIfUnchanged,
  type Db,
  type Prisma,
  type RecordLink,
  type ReviewItem,
  type SyncEvent,
} from "@tandem/db";
import type { Side } from "@tandem/sync-core";
import type { DrainResult, SyncRef } from "../shared";
import { finishAuditRows } from "./audit-rows";
import { stepRecord, type StepCommit, type StepTarget } from "./record-step";
import { inPool } from "./in-pool";
import { createListingSnapshots } from "./listing-snapshot";
import { recordRef } from "./review-items";
import { SyncNotRunnable, type SyncContext, type SyncContextLoader } from "./sync-context";

export interface DrainOptions {
  /** Changes settled per drain at most. */
  batchSize?: number;
  /** Records stepped at once (each step waits mostly on vendor HTTP). */
  concurrency?: number;
}

/** After this many retryable failures a change is parked for an operator instead. */
export const MAX_ATTEMPTS = 12;
const BACKOFF_BASE_MS = 1_000;
const BACKOFF_MAX_MS = 5 * 60_000;
const NOT_RUNNABLE_RETRY_MS = 30_000;
/** Well inside the executor's heartbeat timeout. */
const HEARTBEAT_MS = 5_000;

function backoffMs(attempts: number): number {
  return Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** (attempts - 1));
}

interface Group {
  link: RecordLink | null;
  targets: StepTarget[];
}

interface SettledGroup {
  target: StepTarget;
  commit: StepCommit;
}

const linkKey = (side: Side, id: string) => `${side}:${id}`;

/**
 * The drain of one sync's queue: takes the due changes in arrival order, groups them by record
 * (several changes to one record in one batch cost one step, since a step reads current state),
 * steps linked records in parallel and new records one by one (so two new records of the same
 * person, one per side, meet in the matcher rather than racing), and commits outcomes, audit
 * rows and review items in one transaction.
 */
export function createDrainSyncQueue(
  db: Db,
  loadContext: SyncContextLoader,
  options: DrainOptions = {},
) {
  const batchSize = options.batchSize ?? 200;
  const concurrency = options.concurrency ?? 16;

  async function drainSyncQueue(ref: SyncRef): Promise<DrainResult> {
    const context = Context.current();
    const alive = setInterval(() => context.heartbeat(), HEARTBEAT_MS);
    try {
      return await drain(ref);
    } finally {
      clearInterval(alive);
    }
  }

  async function drain(ref: SyncRef): Promise<DrainResult> {
    const info = Context.current().info;
    const run = {
      workflowId: info.workflowExecution?.workflowId ?? info.activityId,
      runId: info.workflowExecution?.runId ?? "",
    };
    let ctx: SyncContext;
    try {
      const loaded = await loadContext(ref);
      ctx = { ...loaded, listings: createListingSnapshots(loaded.entities) };
    } catch (error) {
      if (!(error instanceof SyncNotRunnable)) throw error;
      await db.syncEvent.updateMany({
        where: { workspaceId: ref.workspaceId, syncId: ref.syncId, status: "pending" },
        data: { error: error.message, notBefore: new Date(Date.now() + NOT_RUNNABLE_RETRY_MS) },
      });
      return { planHash: null, settled: 0, more: false, nextDueInMs: NOT_RUNNABLE_RETRY_MS };
    }
    const events = await dueSyncEvents(db, ref, batchSize);
    if (events.length === 0)
      return {
        planHash: ctx.plan.hash,
        settled: 0,
        more: false,
        nextDueInMs: await dueIn(db, ref),
      };

    const { groups, ignored, deferred } = await groupByRecord(db, ctx, events);
    const givenUp: SyncEvent[] = [];
    for (const { event, error } of deferred) {
      const attempts = event.attempts + 1;
      if (attempts >= MAX_ATTEMPTS) {
        // Never retried forever: after the last attempt the change waits for an operator.
        await db.$transaction((tx) =>
          parkAfterRetries(tx, prismaSqlTx(tx, providerOf(db)), ctx, run, {
            recordRef: eventRow(ref, run, ctx, event).recordRef,
            linkId: null,
            pair: {},
            direction: event.side === "b" ? "B->A" : "A->B",
            events: [event],
            attempts,
            error: `which records the change concerns could not be read: ${error}`,
            now: new Date(),
          }),
        );
        givenUp.push(event);
        continue;
      }
      await db.syncEvent.updateMany({
        where: { workspaceId: ref.workspaceId, id: event.id },
        data: { attempts, error, notBefore: new Date(Date.now() + backoffMs(attempts)) },
      });
    }
    const retried = deferred.filter(({ event }) => event.attempts + 1 < MAX_ATTEMPTS);
    if (retried.length > 0)
      await insertAuditRowsNow(
        db,
        finishAuditRows(
          ctx,
          retried.map(({ event, error }) => ({
            ...eventRow(ref, run, ctx, event),
            outcome: "failed",
            rule: `which records the change concerns could not be read; tried again (attempt ${event.attempts + 1})`,
            after: JSON.stringify(error),
          })),
        ),
      );
    await sqlTransaction(db, (sql) => advanceSettledInbox(sql, ref.workspaceId, givenUp));
    const settled: SettledGroup[] = [];
    const linked = groups.filter((group) => group.link !== null);
    const unlinked = groups.filter((group) => group.link === null);
    const stepGroup = async (group: Group) => {
      for (const target of group.targets) {
        const current =
          group.targets.length > 1 || group.link === null
            ? await reloadLink(db, ctx, target)
            : target.link;
        const commit = await stepRecord(db, ctx, { ...target, link: current });
        if (group.targets.length > 1 || group.link === null)
          await commitSteps(db, ctx, [{ target, commit }], run);
        else settled.push({ target, commit });
      }
    };
    await inPool(linked, concurrency, stepGroup);
    // Committed before new records are matched, so a match sees every link this drain made.
    await commitSteps(db, ctx, settled, run);
    for (const group of unlinked) await stepGroup(group);
    if (ignored.length > 0) {
      await insertAuditRowsNow(
        db,
        finishAuditRows(
          ctx,
          ignored.map((event) => ({
            ...eventRow(ref, run, ctx, event),
            outcome: "ignored",
            rule: `a ${event.entity} change concerns no record this sync's plan syncs`,
          })),
        ),
      );
      await db.syncEvent.updateMany({
        where: { workspaceId: ref.workspaceId, id: { in: ignored.map((event) => event.id) } },
        data: {
          status: "ignored",
          settledAt: new Date(),
          error: "the change concerns no record this sync's plan syncs",
        },
      });
      await sqlTransaction(db, (sql) => advanceSettledInbox(sql, ref.workspaceId, ignored));
    }
    return {
      planHash: ctx.plan.hash,
      settled: events.length,
      more: events.length >= batchSize,
      nextDueInMs: await dueIn(db, ref),
    };
  }

  return drainSyncQueue;
}

/** The part of an audit row a queued change alone decides (no step ran for it). */
function eventRow(
  ref: SyncRef,
  run: { workflowId: string; runId: string },
  ctx: SyncContext,
  event: SyncEvent,
) {
  const side: Side = event.side === "b" ? "b" : "a";
  return {
    workspaceId: ref.workspaceId,
    syncId: ref.syncId,
    ...run,
    recordRef: recordRef(side, event.externalId),
    [side === "a" ? "aId" : "bId"]: event.externalId,
    direction: side === "b" ? "B->A" : "A->B",
    planVersion: ctx.plan.hash,
    deliveryId: event.deliveryId,
    webhookEventId: event.webhookEventId,
    stepId: event.id,
  };
}

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/** After its last attempt a change is parked for an operator: a review item, an audit row. */
async function parkAfterRetries(
  tx: Tx,
  sql: SqlTx,
  ctx: SyncContext,
  run: { workflowId: string; runId: string },
  parked: {
    recordRef: string;
    linkId: string | null;
    pair: { aId?: string | null; bId?: string | null };
    direction: string;
    events: readonly SyncEvent[];
    attempts: number;
    error: string;
    now: Date;
  },
): Promise<void> {
  const { workspaceId, syncId } = ctx.ref;
  const fingerprint = `${parked.recordRef}|failed|retries`;
  const summary = `gave up after ${parked.attempts} attempts: ${parked.error}`;
  const item = await tx.reviewItem.upsert({
    where: { syncId_fingerprint: { syncId, fingerprint } },
    create: {
      workspaceId,
      syncId,
      linkId: parked.linkId,
      recordRef: parked.recordRef,
      kind: "failed",
      fingerprint,
      groupKey: "retries",
      summary,
      detail: JSON.stringify({
        error: parked.error,
        attempts: parked.attempts,
        planHash: ctx.plan.hash,
      }),
      planHash: ctx.plan.hash,
    },
    update: { status: "open", occurrences: { increment: 1 }, summary },
    select: { id: true },
  });
  const last = parked.events.at(-1);
  await insertAuditRows(
    sql,
    finishAuditRows(ctx, [
      {
        workspaceId,
        syncId,
        ...run,
        ...parked.pair,
        linkId: parked.linkId,
        recordRef: parked.recordRef,
        direction: parked.direction,
        outcome: "failed",
        rule: "retries-exhausted",
        after: JSON.stringify(parked.error),
        planVersion: ctx.plan.hash,
        stepId: last?.id ?? null,
        deliveryId: last?.deliveryId ?? null,
        webhookEventId: last?.webhookEventId ?? null,
        reviewItemId: item.id,
      },
    ]),
  );
  await tx.syncEvent.updateMany({
    where: { workspaceId, id: { in: parked.events.map((event) => event.id) } },
    data: {
      status: "parked",
      attempts: parked.attempts,
      error: parked.error,
      settledAt: parked.now,
      reviewItemId: item.id,
    },
  });
}

async function dueIn(db: Db, ref: SyncRef): Promise<number | null> {
  const next = await nextDueAt(db, ref);
  return next === null ? null : Math.max(0, next.getTime() - Date.now());
}

async function reloadLink(
  db: Db,
  ctx: SyncContext,
  target: StepTarget,
): Promise<RecordLink | null> {
  return db.recordLink.findFirst({
    where: {
      workspaceId: ctx.ref.workspaceId,
      syncId: ctx.ref.syncId,
      entity: ctx.plan.sides.a.entity,
      [target.source === "a" ? "aId" : "bId"]: target.externalId,
    },
  });
}

/** Resolves each change to the records of this sync it concerns and groups them per record pair. */
async function groupByRecord(db: Db, ctx: SyncContext, events: readonly SyncEvent[]) {
  const { workspaceId, syncId } = ctx.ref;
  const ignored: SyncEvent[] = [];
  const deferred: { event: SyncEvent; error: string }[] = [];
  const concerned: { event: SyncEvent; side: Side; externalId: string }[] = [];
  const resolvedParts = new Map<string, Promise<string[]>>();
  for (const event of events) {
    const side: Side = event.side === "b" ? "b" : "a";
    if (event.entity === ctx.plan.sides[side].entity) {
      concerned.push({ event, side, externalId: event.externalId });
      continue;
    }
    const entity = ctx.entities[side];
    if (!entity.recordsConcerned) {
      ignored.push(event);
      continue;
    }
    const key = `${side}/${event.entity}/${event.externalId}`;
    let ids = resolvedParts.get(key);
    if (!ids) {
      ids = entity.recordsConcerned({ entity: event.entity, externalId: event.externalId });
      resolvedParts.set(key, ids);
    }
    let resolved: string[];
    try {
      resolved = await ids;
    } catch (error) {
      // The vendor could not say which records the change concerns (an outage): try later.
      deferred.push({ event, error: error instanceof Error ? error.message : String(error) });
      continue;
    }
    if (resolved.length === 0) ignored.push(event);
    for (const externalId of resolved) concerned.push({ event, side, externalId });
  }
  const idsOf = (side: Side) => [
    ...new Set(concerned.filter((c) => c.side === side).map((c) => c.externalId)),
  ];
  const entity = ctx.plan.sides.a.entity;
  const links = await db.recordLink.findMany({
    where: {
      workspaceId,
      syncId,
      entity,
      OR: [{ aId: { in: idsOf("a") } }, { bId: { in: idsOf("b") } }],
    },
  });
  const linkOf = new Map<string, RecordLink>();
  for (const link of links) {
    if (link.aId) linkOf.set(linkKey("a", link.aId), link);
    if (link.bId) linkOf.set(linkKey("b", link.bId), link);
  }
  const refs = concerned.map((c) => recordRef(c.side, c.externalId));
  const items = await db.reviewItem.findMany({
    where: {
      workspaceId,
      syncId,
      status: { in: ["open", "resolving"] },
      OR: [
        { linkId: { in: links.map((link) => link.id) } },
        { recordRef: { in: [...new Set(refs)] } },
      ],
    },
  });
  const itemsOf = (link: RecordLink | null, ref: string): ReviewItem[] =>
    items.filter((item) => (link && item.linkId === link.id) || item.recordRef === ref);

  const groups = new Map<string, Group>();
  for (const { event, side, externalId } of concerned) {
    const link = linkOf.get(linkKey(side, externalId)) ?? null;
    const groupKey = link ? link.id : linkKey(side, externalId);
    let group = groups.get(groupKey);
    if (!group) {
      group = { link, targets: [] };
      groups.set(groupKey, group);
    }
    let target = group.targets.find((t) => t.source === side && t.externalId === externalId);
    if (!target) {
      target = {
        source: side,
        externalId,
        link,
        events: [],
        openItems: itemsOf(link, recordRef(side, externalId)),
      };
      group.targets.push(target);
    }
    target.events.push(event);
  }
  return { groups: [...groups.values()], ignored, deferred };
}

class LinkMoved extends Error {}

/** The record pair a step's rows name when the step itself did not (no step ran, or it failed). */
function pairOf(
  target: StepTarget,
  commit: StepCommit,
): { aId: string | null; bId: string | null } {
  const named = commit.audit[0];
  const ids = {
    aId: target.link?.aId ?? (typeof named?.aId === "string" ? named.aId : null),
    bId: target.link?.bId ?? (typeof named?.bId === "string" ? named.bId : null),
  };
  return { ...ids, [target.source === "a" ? "aId" : "bId"]: target.externalId };
}

/** Commits what steps decided in one transaction: link CAS, review items, audit, queue status. */
async function commitSteps(
  db: Db,
  ctx: SyncContext,
  settled: readonly SettledGroup[],
  run: { workflowId: string; runId: string },
): Promise<void> {
  if (settled.length === 0) return;
  const { workspaceId, syncId } = ctx.ref;
  const now = new Date();
  const attemptsOf = (target: StepTarget) =>
    Math.max(...target.events.map((event) => event.attempts)) + 1;
  // Review items and parked changes take ORM calls; the common commit is plain statements,
  // which on SQLite run straight on the connection.
  const needsOrm = settled.some(
    ({ target, commit }) =>
      commit.reviews.length > 0 ||
      commit.closed.length > 0 ||
      (commit.outcome.status === "retry" && attemptsOf(target) >= MAX_ATTEMPTS),
  );
  const body = async (sql: SqlTx, orm: Tx | null) => {
    const tx = () => {
      if (!orm) throw new Error("a review item is written only in an ORM transaction");
      return orm;
    };
    for (const { commit } of settled) {
      if (!commit.link) continue;
      const updated = await updateLinkIfUnchanged(
        sql,
        { workspaceId, id: commit.link.id, revision: commit.link.revision },
        commit.link.update,
      );
      if (!updated)
        throw new LinkMoved(`link ${commit.link.id} changed while its change was applied`);
    }
    const reviewIds = new Map<string, string>();
    const resolvedRows: Prisma.AuditEntryCreateManyInput[] = [];
    for (const { target, commit } of settled) {
      for (const review of commit.reviews) {
        const linkId = commit.link?.id ?? target.link?.id ?? null;
        const item = await tx().reviewItem.upsert({
          where: { syncId_fingerprint: { syncId, fingerprint: review.fingerprint } },
          create: {
            workspaceId,
            syncId,
            linkId,
            recordRef: recordRef(target.source, target.externalId),
            kind: review.kind,
            fingerprint: review.fingerprint,
            groupKey: review.groupKey,
            summary: review.summary,
            detail: JSON.stringify(review.detail),
            planHash: ctx.plan.hash,
          },
          update: {
            status: "open",
            resolution: null,
            occurrences: { increment: 1 },
            summary: review.summary,
            detail: JSON.stringify(review.detail),
            planHash: ctx.plan.hash,
            ...(linkId ? { linkId } : {}),
          },
          select: { id: true },
        });
        reviewIds.set(review.fingerprint, item.id);
      }
      for (const close of commit.closed) {
        const closed = await tx().reviewItem.updateMany({
          where: { workspaceId, id: close.id, status: { in: ["open", "resolving"] } },
          data: { status: close.status, resolvedAt: now },
        });
        const item = target.openItems.find((open) => open.id === close.id);
        if (closed.count === 1 && item)
          resolvedRows.push({
            workspaceId,
            syncId,
            ...run,
            ...pairOf(target, commit),
            linkId: item.linkId ?? commit.link?.id ?? target.link?.id ?? null,
            recordRef: item.recordRef,
            direction: target.source === "a" ? "A->B" : "B->A",
            outcome: "resolved",
            rule:
              item.status === "resolving"
                ? `the operator's answer applied (${close.status})`
                : `the difference is gone (${close.status})`,
            planVersion: ctx.plan.hash,
            deliveryId: target.events.at(-1)?.deliveryId ?? null,
            webhookEventId: target.events.at(-1)?.webhookEventId ?? null,
            stepId: target.events.at(-1)?.id ?? null,
            reviewItemId: item.id,
            actor: item.resolvedBy,
          });
      }
    }
    const audit: Prisma.AuditEntryCreateManyInput[] = settled.flatMap(({ commit }) =>
      commit.audit.map(({ reviewFingerprint, ...row }) => ({
        ...row,
        workspaceId,
        syncId,
        ...run,
        reviewItemId: reviewFingerprint ? (reviewIds.get(reviewFingerprint) ?? null) : null,
      })),
    );
    // Changes settled together with a later change of the same record: one row each, naming it.
    for (const { target, commit } of settled) {
      const primary = target.events.at(-1);
      if (!primary || commit.outcome.status === "retry") continue;
      for (const event of target.events.slice(0, -1))
        audit.push({
          workspaceId,
          syncId,
          ...run,
          ...pairOf(target, commit),
          linkId: commit.link?.id ?? target.link?.id ?? null,
          recordRef: recordRef(target.source, target.externalId),
          direction: target.source === "a" ? "A->B" : "B->A",
          outcome: "coalesced",
          rule: `settled by the step of the later change ${primary.id}`,
          planVersion: ctx.plan.hash,
          deliveryId: event.deliveryId,
          webhookEventId: event.webhookEventId,
          stepId: event.id,
          reviewItemId: null,
        });
    }
    // A change that failed and waits to be tried again: one row per attempt.
    for (const { target, commit } of settled) {
      if (commit.outcome.status !== "retry") continue;
      const attempts = Math.max(...target.events.map((event) => event.attempts)) + 1;
      if (attempts >= MAX_ATTEMPTS) continue;
      const primary = target.events.at(-1);
      audit.push({
        workspaceId,
        syncId,
        ...run,
        ...pairOf(target, commit),
        linkId: target.link?.id ?? null,
        recordRef: recordRef(target.source, target.externalId),
        direction: target.source === "a" ? "A->B" : "B->A",
        outcome: "failed",
        rule: `tried again (attempt ${attempts} of ${MAX_ATTEMPTS})`,
        after: JSON.stringify(commit.outcome.error),
        planVersion: ctx.plan.hash,
        deliveryId: primary?.deliveryId ?? null,
        webhookEventId: primary?.webhookEventId ?? null,
        stepId: primary?.id ?? null,
      });
    }
    audit.push(...resolvedRows);
    if (audit.length > 0) await insertAuditRows(sql, finishAuditRows(ctx, audit));

    const byStatus = new Map<
      string,
      { ids: string[]; error: string | null; reviewItemId: string | null }
    >();
    for (const { target, commit } of settled) {
      const ids = target.events.map((event) => event.id);
      const outcome = commit.outcome;
      if (outcome.status === "retry") {
        const attempts = attemptsOf(target);
        if (attempts < MAX_ATTEMPTS) {
          const backoff = backoffMs(attempts);
          await sql.execute(
            `UPDATE "SyncEvent" SET "attempts" = ?, "error" = ?, "notBefore" = ?
            WHERE "workspaceId" = ? AND "id" IN ${valuesList(1, ids.length)}`,
            [
              attempts,
              outcome.error,
              new Date(now.getTime() + Math.max(backoff, outcome.retryAfterMs ?? 0)),
              workspaceId,
              ...ids,
            ],
          );
          continue;
        }
        await parkAfterRetries(tx(), sql, ctx, run, {
          recordRef: recordRef(target.source, target.externalId),
          linkId: target.link?.id ?? null,
          pair: pairOf(target, commit),
          direction: target.source === "a" ? "A->B" : "B->A",
          events: target.events,
          attempts,
          error: outcome.error,
          now,
        });
        continue;
      }
      const reviewItemId = outcome.reviewFingerprint
        ? (reviewIds.get(outcome.reviewFingerprint) ?? null)
        : null;
      const key = `${outcome.status}\u0000${outcome.error ?? ""}\u0000${reviewItemId ?? ""}`;
      const entry = byStatus.get(key) ?? { ids: [], error: outcome.error ?? null, reviewItemId };
      entry.ids.push(...ids);
      byStatus.set(key, entry);
    }
    for (const [key, entry] of byStatus) {
      const status = key.split("\u0000")[0] ?? "applied";
      await sql.execute(
        `UPDATE "SyncEvent" SET "status" = ?, "settledAt" = ?, "error" = ?, "reviewItemId" = ?
        WHERE "workspaceId" = ? AND "id" IN ${valuesList(1, entry.ids.length)}`,
        [status, now, entry.error, entry.reviewItemId, workspaceId, ...entry.ids],
      );
    }
    await advanceSettledInbox(
      sql,
      workspaceId,
      settled.flatMap(({ target }) => target.events),
    );
  };
  if (needsOrm) await db.$transaction((tx) => body(prismaSqlTx(tx, providerOf(db)), tx));
  else await sqlTransaction(db, (sql) => body(sql, null));
}

/** Audit rows outside a step's commit (changes no step ran for), in their own transaction. */
function insertAuditRowsNow(db: Db, rows: Parameters<typeof insertAuditRows>[1]) {
  return sqlTransaction(db, (sql) => insertAuditRows(sql, rows));
}

/**
 * In the commit that settled these changes: their inbox events whose every queued change is now
 * settled move on to processed, or failed when one of them failed (forward only).
 */
async function advanceSettledInbox(
  sql: SqlTx,
  workspaceId: string,
  events: readonly SyncEvent[],
): Promise<void> {
  const inboxIds = [
    ...new Set(events.flatMap((event) => (event.webhookEventId ? [event.webhookEventId] : []))),
  ];
  if (inboxIds.length === 0) return;
  const queued = (status: string) =>
    `EXISTS (SELECT 1 FROM "SyncEvent" AS "queued" WHERE "queued"."webhookEventId" = "WebhookEvent"."id" AND "queued"."status" = '${status}')`;
  await sql.execute(
    `UPDATE "WebhookEvent"
    SET "status" = CASE WHEN ${queued("failed")} THEN 'failed' ELSE 'processed' END
    WHERE "workspaceId" = ? AND "id" IN ${valuesList(1, inboxIds.length)}
      AND "status" IN ('received', 'queued') AND NOT ${queued("pending")}`,
    [workspaceId, ...inboxIds],
  );
}
