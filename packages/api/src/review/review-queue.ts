import type { WorkspaceDb } from "@tandem/db";
import type { ExecutorNudger } from "@tandem/workflows/dispatch";
import type { z } from "zod";
import { presentAuditValues } from "../audit/present-audit-values";
import { TandemError } from "../errors/tandem-error";
import type { ReviewResolveInput } from "../routers/review.types";

type Answer = z.infer<typeof ReviewResolveInput>["answer"];

/** Which answers make sense for which kind of item. */
const ANSWERS_BY_KIND: Record<string, readonly Answer["action"][]> = {
  conflict: ["take-a", "take-b", "custom", "retry", "dismiss"],
  unconvertible: ["retry", "dismiss"],
  refused: ["retry", "dismiss"],
  failed: ["retry", "dismiss"],
  duplicate: ["link", "create", "retry", "dismiss"],
};

export async function listReviewItems(
  wdb: WorkspaceDb,
  input: { syncId?: string | undefined; status?: string | undefined; limit: number },
) {
  return wdb.reviewItem.findMany({
    where: {
      ...(input.syncId ? { syncId: input.syncId } : {}),
      ...(input.status ? { status: input.status } : { status: { in: ["open", "resolving"] } }),
    },
    orderBy: { createdAt: "desc" },
    take: input.limit,
    select: {
      id: true,
      syncId: true,
      linkId: true,
      recordRef: true,
      kind: true,
      status: true,
      summary: true,
      planHash: true,
      occurrences: true,
      createdAt: true,
      updatedAt: true,
      resolvedBy: true,
      resolvedAt: true,
    },
  });
}

async function findItem(wdb: WorkspaceDb, id: string) {
  const item = await wdb.reviewItem.findFirst({ where: { id } });
  if (!item) throw new TandemError("NOT_FOUND", `no review item ${id} in this workspace`);
  return item;
}

export async function inspectReviewItem(wdb: WorkspaceDb, id: string) {
  const item = await findItem(wdb, id);
  const audit = await wdb.auditEntry.findMany({
    where: { reviewItemId: item.id },
    orderBy: { createdAt: "asc" },
    take: 200,
    select: {
      id: true,
      outcome: true,
      direction: true,
      field: true,
      before: true,
      after: true,
      rule: true,
      actor: true,
      connectionId: true,
      planVersion: true,
      workflowId: true,
      runId: true,
      createdAt: true,
    },
  });
  const {
    fingerprint: _fingerprint,
    groupKey: _groupKey,
    workspaceId: _workspaceId,
    ...rest
  } = item;
  return {
    ...rest,
    detail: JSON.parse(item.detail) as Record<string, unknown>,
    resolution: item.resolution ? (JSON.parse(item.resolution) as unknown) : null,
    audit: audit.map(presentAuditValues),
  };
}

function parseRecordRef(recordRef: string): { side: "a" | "b"; externalId: string } {
  const side = recordRef.startsWith("b:") ? "b" : "a";
  return { side, externalId: recordRef.slice(2) };
}

/** Queues a change for the item's record, so its executor takes the answer (or retries). */
async function queueFor(
  wdb: WorkspaceDb,
  workspaceId: string,
  item: { id: string; syncId: string; recordRef: string },
  kind: "resolution" | "replay",
) {
  const { side, externalId } = parseRecordRef(item.recordRef);
  const sync = await wdb.sync.findFirst({
    where: { id: item.syncId },
    select: {
      mapping: {
        select: { publishedHash: true, versions: { select: { hash: true, plan: true } } },
      },
    },
  });
  const published = sync?.mapping?.versions.find((v) => v.hash === sync.mapping?.publishedHash);
  const entity = published
    ? ((JSON.parse(published.plan) as { sides: Record<string, { entity: string }> }).sides[side]
        ?.entity ?? "employee")
    : "employee";
  await wdb.syncEvent.create({
    data: {
      workspaceId,
      syncId: item.syncId,
      kind,
      side,
      entity,
      externalId,
      changedAt: new Date(),
      reviewItemId: item.id,
    },
  });
}

/**
 * Records an operator's answer and hands it to the record's executor: the item becomes
 * "resolving", a change is queued for the record, and the executor is signalled. The executor
 * applies the answer with the plan then published, and closes the item once it holds.
 */
export async function resolveReviewItem(
  wdb: WorkspaceDb,
  workspaceId: string,
  input: { id: string; answer: Answer },
  actor: string,
  nudger: ExecutorNudger | undefined,
) {
  const item = await findItem(wdb, input.id);
  if (item.status !== "open" && item.status !== "resolving")
    throw new TandemError("CONFLICT", `review item ${item.id} is already ${item.status}`);
  const allowed = ANSWERS_BY_KIND[item.kind] ?? ["retry", "dismiss"];
  if (!allowed.includes(input.answer.action))
    throw new TandemError(
      "INVALID_INPUT",
      `"${input.answer.action}" does not answer a ${item.kind} item; use one of ${allowed.join(", ")}`,
    );
  const updated = await wdb.reviewItem.updateMany({
    where: { id: item.id, status: item.status, updatedAt: item.updatedAt },
    data: { status: "resolving", resolution: JSON.stringify(input.answer), resolvedBy: actor },
  });
  if (updated.count !== 1)
    throw new TandemError("CONFLICT", `review item ${item.id} changed meanwhile; look at it again`);
  const { side, externalId } = parseRecordRef(item.recordRef);
  const [sync, link] = await Promise.all([
    wdb.sync.findFirst({
      where: { id: item.syncId },
      select: { connectionAId: true, connectionBId: true },
    }),
    item.linkId
      ? wdb.recordLink.findFirst({ where: { id: item.linkId }, select: { aId: true, bId: true } })
      : null,
  ]);
  await wdb.auditEntry.create({
    data: {
      workspaceId,
      syncId: item.syncId,
      linkId: item.linkId,
      recordRef: item.recordRef,
      aId: link?.aId ?? (side === "a" ? externalId : null),
      bId: link?.bId ?? (side === "b" ? externalId : null),
      connectionId: (side === "a" ? sync?.connectionAId : sync?.connectionBId) ?? null,
      direction: side === "b" ? "B->A" : "A->B",
      outcome: "resolved",
      rule: `operator:${input.answer.action}`,
      after: JSON.stringify(input.answer),
      planVersion: item.planHash,
      workflowId: "operator",
      runId: "",
      reviewItemId: item.id,
      actor,
    },
  });
  await queueFor(wdb, workspaceId, item, "resolution");
  const queued = await nudge(nudger, workspaceId, item.syncId);
  return { id: item.id, status: "resolving", queued };
}

/** Replays every open item of a sync under the plan published now (after a corrected mapping). */
export async function replayOpenItems(
  wdb: WorkspaceDb,
  workspaceId: string,
  syncId: string,
  nudger: ExecutorNudger | undefined,
) {
  const items = await wdb.reviewItem.findMany({
    where: { syncId, status: "open" },
    select: { id: true, syncId: true, recordRef: true },
  });
  for (const item of items) await queueFor(wdb, workspaceId, item, "replay");
  if (items.length > 0) await nudge(nudger, workspaceId, syncId);
  return { queued: items.length };
}

/** Signals the executor; when Temporal is unreachable the relay does it shortly. */
async function nudge(nudger: ExecutorNudger | undefined, workspaceId: string, syncId: string) {
  if (!nudger) return false;
  return nudger
    .nudge([{ workspaceId, syncId }])
    .then(() => true)
    .catch(() => false);
}
