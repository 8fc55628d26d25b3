import { WorkflowExecutionAlreadyStartedError, type Client } from "@temporalio/client";
import { INBOX_RELAY_WORKFLOW, INBOX_RELAY_WORKFLOW_ID, TASK_QUEUE } from "./shared";

/**
 * Starts the deployment's inbox relay unless it already runs. Every worker may call this at
 * start-up: the fixed workflow id means there is exactly one relay per deployment.
 */
export async function startInboxRelay(
  client: Client,
  taskQueue = TASK_QUEUE,
  intervalMs?: number,
): Promise<void> {
  try {
    await client.workflow.start(INBOX_RELAY_WORKFLOW, {
      workflowId: INBOX_RELAY_WORKFLOW_ID,
      taskQueue,
      args: [intervalMs === undefined ? {} : { intervalMs }],
    });
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
}
