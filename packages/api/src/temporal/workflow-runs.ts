import type { Client } from "@temporalio/client";
import { workspacePrefix } from "@tandem/sync-core";
import { decodeHistoryPayloads } from "@tandem/workflows/data-converter";
import { TandemError } from "../errors/tandem-error";
import { toRunEvent } from "./history";

/** The workspace's workflow runs, as many as `limit`, from Temporal's visibility list. */
export async function listWorkspaceRuns(
  temporal: () => Promise<Client>,
  workspaceId: string,
  limit: number,
) {
  const client = await temporal();
  const prefix = workspacePrefix(workspaceId);
  const runs = [];
  for await (const run of client.workflow.list({
    query: `WorkflowId STARTS_WITH "${prefix}"`,
    pageSize: limit,
  })) {
    runs.push({
      workflowId: run.workflowId,
      runId: run.runId,
      type: run.type,
      status: run.status.name,
      startTime: run.startTime,
      closeTime: run.closeTime ?? null,
      historyLength: run.historyLength,
    });
    if (runs.length >= limit) break;
  }
  return runs;
}

/** One run's history, refusing (before asking Temporal) a workflow of another workspace. */
export async function workspaceRunHistory(
  temporal: () => Promise<Client>,
  workspaceId: string,
  run: { workflowId: string; runId?: string },
) {
  if (!run.workflowId.startsWith(workspacePrefix(workspaceId))) {
    throw new TandemError("NOT_FOUND", "no such run in this workspace");
  }
  const client = await temporal();
  const handle = client.workflow.getHandle(run.workflowId, run.runId);
  const [description, history] = await Promise.all([handle.describe(), handle.fetchHistory()]);
  // The history comes as Temporal stores it (encrypted): decoded here, through the client's
  // codec, for this workspace's operator only.
  const events = await decodeHistoryPayloads(
    client.options.loadedDataConverter.payloadCodecs,
    history.events ?? [],
  );
  return {
    workflowId: description.workflowId,
    runId: description.runId,
    type: description.type,
    status: description.status.name,
    startTime: description.startTime,
    closeTime: description.closeTime ?? null,
    events: events.map(toRunEvent),
  };
}
