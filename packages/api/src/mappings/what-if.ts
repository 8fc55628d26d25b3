import { fieldAtPath, type Connector } from "@tandem/connectors";
import type { Db, WorkspaceDb } from "@tandem/db";
import {
  canonicalJson,
  compileDocument,
  hasErrors,
  pathWriter,
  projectRecord,
  type Direction,
  type EvaluationResult,
  type SyncPlan,
} from "@tandem/mapping";
import type { ConnectorAccess } from "../context";
import { TandemError } from "../errors/tandem-error";
import { sharedExpressionPool, type ExpressionPool } from "../expressions/expression-pool";
import { refuseDocument } from "./diagnostics-error";
import { storedMappingDocument } from "./mapping-documents";
import { findMapping, findVersion, versionPlan } from "./mapping-store";
import { openWorkspaceConnector } from "./open-sync-connector";

export interface WhatIfDifference {
  /** A target field id, or "(record)" when one version syncs the record and the other filters it out. */
  field: string;
  published: unknown;
  draft: unknown;
}

export interface WhatIfEvent {
  deliveryId: string;
  direction: Direction;
  externalId: string;
  receivedAt: Date;
  /** Where the source record came from: a read-only GET now, or the last state both sides agreed on. */
  source: "live" | "shadow";
  differences: WhatIfDifference[];
}

export interface WhatIfReport {
  events: WhatIfEvent[];
  changedEventCount: number;
  /** Events whose record could be read neither live nor from a shadow. */
  skipped: { deliveryId: string; externalId: string; reason: string }[];
}

const RECORD = "(record)";

function differencesBetween(
  published: EvaluationResult,
  draft: EvaluationResult,
  fields: readonly string[],
): WhatIfDifference[] {
  if (published.included !== draft.included)
    return [{ field: RECORD, published: published.included, draft: draft.included }];
  if (!published.included) return [];
  const differences: WhatIfDifference[] = [];
  for (const field of fields) {
    const before = fieldAtPath(published.record, field);
    const after = fieldAtPath(draft.record, field);
    if (canonicalJson(before ?? null) !== canonicalJson(after ?? null))
      differences.push({ field, published: before, draft: after });
  }
  return differences;
}

const sourceFields = (plan: SyncPlan, direction: Direction) =>
  plan.sides[direction === "aToB" ? "a" : "b"].fields.map((field) => field.id);

/** At most this many recorded changes per what-if, replayed within this much time in all. */
export const WHAT_IF_BUDGET = { maxEvents: 200, totalMs: 5_000 } as const;

export interface WhatIfDeps {
  db: Db;
  wdb: WorkspaceDb;
  workspaceId: string;
  access: ConnectorAccess | undefined;
  /** Where the plans are evaluated: the process's thread pool unless given. */
  expressions?: ExpressionPool;
  budget?: { totalMs: number };
}

/**
 * Replays the sync's latest recorded changes through the published and the draft plan and
 * reports where the writes would differ. Reads only: nothing is written to any system or table.
 * Plans run in the expression pool's threads (each record under a hard time limit), and the
 * replay stops when its budget is spent; what was not replayed is reported as skipped.
 */
export async function whatIfDraft(
  deps: WhatIfDeps,
  input: { id: string; limit: number },
): Promise<WhatIfReport> {
  const startedAt = Date.now();
  const totalMs = deps.budget?.totalMs ?? WHAT_IF_BUDGET.totalMs;
  const pool = deps.expressions ?? sharedExpressionPool();
  const mapping = await findMapping(deps.wdb, input.id);
  if (!mapping.syncId)
    throw new TandemError(
      "PRECONDITION_FAILED",
      `"${mapping.name}" drives no sync, so there are no recorded changes to replay`,
    );
  if (!mapping.publishedHash)
    throw new TandemError(
      "PRECONDITION_FAILED",
      `"${mapping.name}" has no published version to compare the draft with; publish it first`,
    );
  const compiled = compileDocument(storedMappingDocument(mapping.draft));
  if (!compiled.plan || hasErrors(compiled.diagnostics))
    throw refuseDocument(
      "the draft does not compile",
      compiled.diagnostics.filter((diagnostic) => diagnostic.severity === "error"),
    );
  const draftPlan = compiled.plan;
  const publishedPlan = versionPlan(await findVersion(deps.wdb, mapping.id, mapping.publishedHash));
  const sync = await deps.wdb.sync.findFirst({ where: { id: mapping.syncId } });
  if (!sync) throw new TandemError("NOT_FOUND", `no sync ${mapping.syncId} here`);
  const syncId = sync.id;

  const recorded = await deps.wdb.webhookEvent.findMany({
    where: { connectionId: { in: [sync.connectionAId, sync.connectionBId] } },
    orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
    take: Math.min(input.limit, WHAT_IF_BUDGET.maxEvents),
  });

  const connectors = new Map<string, Connector | null>();
  const connectorFor = async (connectionId: string) => {
    if (!connectors.has(connectionId)) {
      const opened = await openWorkspaceConnector(
        deps.db,
        deps.access,
        deps.workspaceId,
        connectionId,
      );
      connectors.set(connectionId, opened.ok ? opened.connector : null);
    }
    return connectors.get(connectionId) ?? null;
  };
  const plans = { published: publishedPlan, draft: draftPlan };
  const evaluate = (version: keyof typeof plans, direction: Direction, record: unknown) =>
    pool
      .evaluate({ planKey: plans[version].hash, plan: plans[version], direction, record })
      .catch((error: unknown) => {
        throw new Error(
          `the ${version} version: ${error instanceof Error ? error.message : String(error)}`,
        );
      });
  const sourceRecords = new Map<
    string,
    { record: Record<string, unknown>; source: "live" | "shadow" } | string
  >();

  async function sourceRecord(connectionId: string, direction: Direction, externalId: string) {
    const key = `${direction}:${externalId}`;
    const cached = sourceRecords.get(key);
    if (cached !== undefined) return cached;
    const fields = [
      ...new Set([
        ...sourceFields(publishedPlan, direction),
        ...sourceFields(draftPlan, direction),
      ]),
    ];
    let found: { record: Record<string, unknown>; source: "live" | "shadow" } | string =
      "the record could not be read and no shadow is recorded";
    const connector = await connectorFor(connectionId);
    const side = direction === "aToB" ? "a" : "b";
    const entity = connector?.syncEntity(publishedPlan.sides[side].entity);
    const live = entity
      ? await entity
          .read(externalId)
          .then((record) => record?.fields ?? null)
          .catch(() => null)
      : connector
        ? await connector
            .getEmployee(externalId)
            .then((record) => record?.raw ?? null)
            .catch(() => null)
        : null;
    if (live) {
      found = { record: projectRecord(live, fields), source: "live" };
    } else {
      const link = await deps.wdb.recordLink.findFirst({
        where: { syncId, ...(direction === "aToB" ? { aId: externalId } : { bId: externalId }) },
      });
      const shadow = side === "a" ? link?.shadowA : link?.shadowB;
      if (shadow)
        found = {
          record: projectRecord(unflatten(JSON.parse(shadow) as Record<string, unknown>), fields),
          source: "shadow",
        };
    }
    sourceRecords.set(key, found);
    return found;
  }

  const events: WhatIfEvent[] = [];
  const skipped: WhatIfReport["skipped"] = [];
  for (const event of recorded) {
    const skip = (reason: string) =>
      skipped.push({ deliveryId: event.deliveryId, externalId: event.externalId, reason });
    if (Date.now() - startedAt >= totalMs) {
      skip(`not replayed: the what-if's ${totalMs / 1000} s budget was spent`);
      continue;
    }
    const direction: Direction = event.connectionId === sync.connectionAId ? "aToB" : "bToA";
    const found = await sourceRecord(event.connectionId, direction, event.externalId);
    if (typeof found === "string") {
      skip(found);
      continue;
    }
    const evaluated = await Promise.all([
      evaluate("published", direction, found.record),
      evaluate("draft", direction, found.record),
    ]).catch((error: unknown) => (error instanceof Error ? error.message : String(error)));
    if (typeof evaluated === "string") {
      skip(evaluated);
      continue;
    }
    const [published, draft] = evaluated;
    const targetFields = [
      ...new Set([
        ...publishedPlan[direction].targets.map((target) => target.field),
        ...draftPlan[direction].targets.map((target) => target.field),
      ]),
    ].sort();
    events.push({
      deliveryId: event.deliveryId,
      direction,
      externalId: event.externalId,
      receivedAt: event.receivedAt,
      source: found.source,
      differences: differencesBetween(published, draft, targetFields),
    });
  }
  return {
    events,
    changedEventCount: events.filter((event) => event.differences.length > 0).length,
    skipped,
  };
}

/** A shadow keeps fields flat by their dotted ids; records nest them. */
function unflatten(flat: Record<string, unknown>): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(flat)) pathWriter(field)(record, value);
  return record;
}
