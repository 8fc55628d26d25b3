// The executor's loop on a real Temporal server, with a drain that reports what a real one
// would: changes that arrived while it ran are drained at once, with no signal and no timer, so
// the ingress may space its signals out during a burst without the queue waiting on them.
import { randomUUID } from "node:crypto";
import { Worker } from "@temporalio/worker";
import proto from "@temporalio/proto";
import { describe, expect, it } from "vitest";
import {
  SYNC_EXECUTOR_WORKFLOW,
  SYNC_QUEUE_CHANGED_SIGNAL,
  tandemWorkerDataConverter,
  type DrainResult,
  type SyncExecutorInput,
} from "@tandem/workflows";
import { testSecretKey } from "../testing/sync-harness";
import { useTestTemporal } from "../testing/use-test-temporal";

const temporal = useTestTemporal();

const { EventType } = proto.temporal.api.enums.v1;

describe("sync executor", () => {
  it("drains again at once when its drain reports changes already due", async () => {
    const taskQueue = `executor-${randomUUID()}`;
    // Three drains: the first two each saw changes come in while they ran; the third empties it.
    const results: DrainResult[] = [
      { planHash: "p", settled: 5, more: false, nextDueInMs: 0 },
      { planHash: "p", settled: 3, more: false, nextDueInMs: 0 },
      { planHash: "p", settled: 1, more: false, nextDueInMs: null },
    ];
    let drains = 0;
    const worker = await Worker.create({
      connection: temporal.env.nativeConnection,
      namespace: temporal.env.namespace ?? "default",
      taskQueue,
      workflowBundle: temporal.workflowBundle,
      dataConverter: tandemWorkerDataConverter(testSecretKey),
      activities: {
        drainSyncQueue: () => Promise.resolve(results[drains++] ?? results[2]),
        nudgeWaitingSyncs: () => Promise.resolve(0),
      },
    });
    const input: SyncExecutorInput = { workspaceId: "w", syncId: randomUUID(), idleMs: 200 };
    const outcome = await worker.runUntil(async () => {
      const handle = await temporal.env.client.workflow.signalWithStart(SYNC_EXECUTOR_WORKFLOW, {
        workflowId: `executor-${input.syncId}`,
        taskQueue,
        args: [input],
        signal: SYNC_QUEUE_CHANGED_SIGNAL,
        signalArgs: [],
      });
      const result = (await handle.result()) as { drains: number };
      const { events } = await handle.fetchHistory();
      return { result, events: events ?? [] };
    });
    const count = (type: proto.temporal.api.enums.v1.EventType) =>
      outcome.events.filter((event) => event.eventType === type).length;
    expect(outcome.result).toEqual({ drains: 3 });
    expect(count(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED)).toBe(1);
    // The only timer is the idle wait after the last drain; none between the drains.
    const kinds = outcome.events
      .map((event) => event.eventType)
      .filter(
        (type) =>
          type === EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED ||
          type === EventType.EVENT_TYPE_TIMER_STARTED,
      );
    expect(kinds).toEqual([
      EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED,
      EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED,
      EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED,
      EventType.EVENT_TYPE_TIMER_STARTED,
    ]);
  });
});
