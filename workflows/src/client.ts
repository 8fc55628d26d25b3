// What other processes (the web app's webhook ingress, the relay) use to hand a change to its
// record's workflow. It imports the workflow only as a type, so it bundles nowhere it shouldn't.
import type { Client } from "@temporalio/client";
import type { Db, StoredChange } from "@tandem/db";
import { recordWorkflowId, type Side } from "@tandem/sync-core";
import type { recordSyncWorkflow } from "./workflows/record-sync";
import {
  RECORD_CHANGE_SIGNAL,
  RECORD_SYNC_WORKFLOW,
  TASK_QUEUE,
  type RecordChange,
} from "./shared";

export { TASK_QUEUE, RECORD_SYNC_WORKFLOW, type RecordChange } from "./shared";

/**
 * Routes one change to the workflow of the record it concerns: the record's link names it by
 * its side-A id once the pair is known, so later events from either side meet in one workflow.
 */
export async function routeRecordChange(
  db: Db,
  change: Omit<RecordChange, "syncId" | "side" | "connectionId">,
  sync: { id: string; connectionAId: string; connectionBId: string },
  connectionId: string,
): Promise<{ change: RecordChange; workflowId: string }> {
  const side: Side = sync.connectionAId === connectionId ? "A" : "B";
  const routed: RecordChange = { ...change, syncId: sync.id, side, connectionId };
  const link = await db.recordLink.findFirst({
    where: {
      workspaceId: change.workspaceId,
      syncId: sync.id,
      entity: "employee",
      [side === "A" ? "aId" : "bId"]: change.externalId,
    },
  });
  const key = link?.aId
    ? { side: "A" as const, externalId: link.aId }
    : { side, externalId: change.externalId };
  return {
    change: routed,
    workflowId: recordWorkflowId({ workspaceId: change.workspaceId, syncId: sync.id, ...key }),
  };
}

export async function signalRecordChange(
  client: Client,
  workflowId: string,
  change: RecordChange,
  taskQueue = TASK_QUEUE,
): Promise<void> {
  await client.workflow.signalWithStart<typeof recordSyncWorkflow, [RecordChange]>(
    RECORD_SYNC_WORKFLOW,
    {
      workflowId,
      taskQueue,
      args: [{ pending: [] }],
      signal: RECORD_CHANGE_SIGNAL,
      signalArgs: [change],
    },
  );
}

/**
 * Hands a stored inbox event to the workflow of every sync its connection takes part in, and
 * marks it signalled. Throws when Temporal cannot be reached: the event stays "received" and
 * the relay hands it over later.
 */
export async function dispatchStoredChange(
  db: Db,
  client: Client,
  event: StoredChange,
  taskQueue = TASK_QUEUE,
): Promise<string[]> {
  const syncs = await db.sync.findMany({
    where: {
      workspaceId: event.workspaceId,
      OR: [{ connectionAId: event.connectionId }, { connectionBId: event.connectionId }],
    },
  });
  const workflowIds: string[] = [];
  for (const sync of syncs) {
    const { change, workflowId } = await routeRecordChange(
      db,
      {
        workspaceId: event.workspaceId,
        externalId: event.externalId,
        deliveryId: event.deliveryId,
        changedAt: event.changedAt.toISOString(),
      },
      sync,
      event.connectionId,
    );
    await signalRecordChange(client, workflowId, change, taskQueue);
    workflowIds.push(workflowId);
  }
  await db.webhookEvent.updateMany({
    where: { workspaceId: event.workspaceId, id: event.id },
    data: {
      status: syncs.length > 0 ? "signalled" : "processed",
      workflowId: workflowIds[0] ?? null,
      signalledAt: new Date(),
    },
  });
  return workflowIds;
}
