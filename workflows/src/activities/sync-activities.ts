import { ApplicationFailure, Context } from "@temporalio/activity";
import {
  ConnectionConfig,
  ConnectorError,
  createConnector,
  type Connector,
} from "@tandem/connectors";
import {
  markProcessed,
  openConnection,
  type Db,
  type RecordLink,
  type SecretKeys,
} from "@tandem/db";
import { Employee } from "@tandem/hr-model";
import { decideSync, directionFrom, writeIdempotencyKey, type Side } from "@tandem/sync-core";
import type { RecordChange, SyncStepResult } from "../shared";

export interface SyncActivityDeps {
  db: Db;
  secretKey: SecretKeys;
  /** Lets connectors reach loopback and private addresses (the local simulators). */
  allowPrivateNetwork: boolean;
}

const ENTITY = "employee";
const other = (side: Side): Side => (side === "A" ? "B" : "A");
const idColumn = (side: Side) => (side === "A" ? "aId" : "bId");

/**
 * The activities of a record's sync. Dependencies come in from the worker, so tests run them
 * against a real database and real (simulated) vendors.
 */
export function createSyncActivities(deps: SyncActivityDeps) {
  const { db } = deps;

  async function connectorsFor(
    change: RecordChange,
  ): Promise<{ A: Connector; B: Connector; planVersion: string }> {
    const sync = await db.sync.findFirst({
      where: { id: change.syncId, workspaceId: change.workspaceId },
    });
    if (!sync)
      throw ApplicationFailure.nonRetryable(
        `sync ${change.syncId} does not exist in this workspace`,
      );
    const open = async (connectionId: string) => {
      const connection = await openConnection(db, deps.secretKey, connectionId);
      if (!connection || connection.workspaceId !== change.workspaceId) {
        throw ApplicationFailure.nonRetryable(
          `connection ${connectionId} of sync ${sync.id} is missing`,
        );
      }
      const parsed = ConnectionConfig.safeParse(connection.config);
      if (!parsed.success) {
        throw ApplicationFailure.nonRetryable(
          `connection "${connection.name}" is misconfigured: ${parsed.error.issues[0]?.message ?? "invalid"}`,
        );
      }
      return createConnector(parsed.data, { allowPrivateNetwork: deps.allowPrivateNetwork });
    };
    const [A, B] = await Promise.all([open(sync.connectionAId), open(sync.connectionBId)]);
    return { A, B, planVersion: sync.planVersion };
  }

  /** The link of the changed record, matched across systems by work email when it is new. */
  async function findOrCreateLink(
    change: RecordChange,
    source: Employee,
    connectors: { A: Connector; B: Connector },
  ): Promise<RecordLink> {
    const where = { workspaceId: change.workspaceId, syncId: change.syncId, entity: ENTITY };
    const existing = await db.recordLink.findFirst({
      where: { ...where, [idColumn(change.side)]: change.externalId },
    });
    if (existing) return existing;
    const target = other(change.side);
    const match = source.workEmail
      ? await connectors[target].findEmployeeByWorkEmail(source.workEmail)
      : null;
    if (match) {
      const claimed = await db.recordLink.findFirst({
        where: { ...where, [idColumn(target)]: match.externalId },
      });
      if (claimed) {
        return db.recordLink.update({
          where: { id: claimed.id },
          data: { [idColumn(change.side)]: change.externalId },
        });
      }
    }
    try {
      return await db.recordLink.create({
        data: {
          ...where,
          [idColumn(change.side)]: change.externalId,
          [idColumn(target)]: match?.externalId ?? null,
        },
      });
    } catch (error) {
      // Another workflow linked the same record a moment ago: use its link.
      const raced = await db.recordLink.findFirst({
        where: { ...where, [idColumn(change.side)]: change.externalId },
      });
      if (raced) return raced;
      throw error;
    }
  }

  async function syncRecordChange(change: RecordChange): Promise<SyncStepResult> {
    const info = Context.current().info;
    const connectors = await connectorsFor(change);
    try {
      const sourceRecord = await connectors[change.side].getEmployee(change.externalId);
      if (!sourceRecord) {
        await markProcessed(db, change.workspaceId, change.connectionId, change.deliveryId);
        return {
          outcome: "source-missing",
          linkId: null,
          wrote: { A: [], B: [] },
          reason: `${change.side} record ${change.externalId} no longer exists`,
        };
      }
      const link = await findOrCreateLink(change, sourceRecord.employee, connectors);
      const targetSide = other(change.side);
      const targetId = link[idColumn(targetSide)];
      const targetRecord = targetId ? await connectors[targetSide].getEmployee(targetId) : null;
      const shadow = link.shadow ? Employee.parse(JSON.parse(link.shadow)) : null;
      const records = {
        [change.side]: sourceRecord.employee,
        [targetSide]: targetRecord?.employee ?? null,
      } as { A: Employee | null; B: Employee | null };
      const fields = connectors.A.syncedFields.filter((field) =>
        connectors.B.syncedFields.includes(field),
      );
      const decision = decideSync({
        source: change.side,
        records,
        shadow,
        policy: "A_WINS",
        fields,
      });
      const audit = {
        workspaceId: change.workspaceId,
        syncId: change.syncId,
        linkId: link.id,
        planVersion: connectors.planVersion,
        deliveryId: change.deliveryId,
        workflowId: info.workflowExecution?.workflowId ?? info.activityId,
        runId: info.workflowExecution?.runId ?? "",
      };
      const delivery = {
        workspaceId: change.workspaceId,
        connectionId: change.connectionId,
        deliveryId: change.deliveryId,
      };

      if (decision.kind === "suppressed") {
        await db.$transaction([
          db.auditEntry.create({
            data: {
              ...audit,
              direction: directionFrom(change.side),
              outcome: "suppressed",
              rule: decision.reason,
            },
          }),
          db.webhookEvent.updateMany({
            where: delivery,
            data: { status: "processed" },
          }),
        ]);
        return {
          outcome: "suppressed",
          linkId: link.id,
          wrote: { A: [], B: [] },
          reason: decision.reason,
        };
      }

      if (decision.kind === "review") {
        // Only per-field rules of a plan park a change; the fixed policy above never does.
        // A non-retryable failure is what the workflow parks for an operator, with the reason.
        throw ApplicationFailure.nonRetryable(decision.reason, "ManualReview");
      }

      const ids = { A: link.aId, B: link.bId };
      const wrote: SyncStepResult["wrote"] = { A: [], B: [] };
      for (const side of ["A", "B"] as const) {
        if (!decision.write[side]) continue;
        const key = writeIdempotencyKey(link.id, link.revision, directionFrom(other(side)));
        const id = ids[side];
        if (id) {
          await connectors[side].updateEmployee(id, decision.merged, key);
        } else {
          ids[side] = (await connectors[side].createEmployee(decision.merged, key)).externalId;
        }
        wrote[side] = decision.decisions.filter((d) => d.writeTo[side] || !id).map((d) => d.field);
      }

      const fieldRows = decision.decisions.flatMap((d) =>
        (["A", "B"] as const)
          .filter((side) => decision.write[side] && (d.writeTo[side] || !link[idColumn(side)]))
          .map((side) => ({
            ...audit,
            direction: directionFrom(other(side)),
            outcome: link[idColumn(side)] ? "written" : "created",
            field: d.field,
            before: JSON.stringify(d.before ?? null),
            after: JSON.stringify(d.after),
            rule: d.rule,
          })),
      );
      const updated = await db.$transaction(async (tx) => {
        const result = await tx.recordLink.updateMany({
          where: { workspaceId: change.workspaceId, id: link.id, revision: link.revision },
          data: {
            aId: ids.A,
            bId: ids.B,
            shadow: JSON.stringify(decision.merged),
            revision: { increment: 1 },
          },
        });
        if (result.count !== 1) return false;
        if (fieldRows.length > 0) await tx.auditEntry.createMany({ data: fieldRows });
        else
          await tx.auditEntry.create({
            data: {
              ...audit,
              direction: directionFrom(change.side),
              outcome: "in-sync",
              rule: "both sides already held the merged values",
            },
          });
        await tx.webhookEvent.updateMany({
          where: delivery,
          data: { status: "processed" },
        });
        return true;
      });
      if (!updated) {
        // The shadow moved under us (another workflow touched this link): decide again.
        throw ApplicationFailure.retryable(
          `link ${link.id} changed while this change was applied`,
          "ShadowConflict",
        );
      }
      const outcome = wrote.A.length + wrote.B.length > 0 ? "written" : "in-sync";
      return { outcome, linkId: link.id, wrote };
    } catch (error) {
      throw toActivityFailure(error);
    }
  }

  /** A change that could not be applied: its delivery is marked failed with the reason. */
  async function recordSyncFailure(change: RecordChange, reason: string): Promise<void> {
    await db.webhookEvent.updateMany({
      where: {
        workspaceId: change.workspaceId,
        connectionId: change.connectionId,
        deliveryId: change.deliveryId,
      },
      data: { status: "failed", error: reason.slice(0, 2000) },
    });
  }

  return { syncRecordChange, recordSyncFailure };
}

/** Maps a connector's classification onto Temporal's retry semantics. */
function toActivityFailure(error: unknown): unknown {
  if (!(error instanceof ConnectorError)) return error;
  if (error.kind === "permanent") {
    return ApplicationFailure.create({
      message: error.message,
      type: "VendorRejected",
      nonRetryable: true,
    });
  }
  return ApplicationFailure.create({
    message: error.message,
    type: "VendorUnavailable",
    nonRetryable: false,
    ...(error.details.retryAfterMs !== undefined
      ? { nextRetryDelay: error.details.retryAfterMs }
      : {}),
  });
}
