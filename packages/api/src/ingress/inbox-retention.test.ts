import type { TestWorkflowEnvironment } from "@temporalio/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "@tandem/db/testing";
import { INBOX_RELAY_WORKFLOW_ID, startInboxRelay } from "@tandem/workflows";
import {
  eventually,
  startSyncHarness,
  startTestTemporal,
  type SyncHarness,
} from "../testing/sync-harness";

let env: TestWorkflowEnvironment;
let harness: SyncHarness;
const [sqlite] = testDatabases();

beforeAll(async () => {
  const started = await startTestTemporal();
  env = started.env;
  if (!sqlite) throw new Error("no SQLite test database");
  harness = await startSyncHarness({
    databaseUrl: await sqlite.create(),
    env,
    workflowBundle: started.workflowBundle,
  });
}, 120_000);

afterAll(async () => {
  await env?.client.workflow
    .getHandle(INBOX_RELAY_WORKFLOW_ID)
    .terminate("test over")
    .catch(() => undefined);
  await harness?.close();
  await env?.teardown();
});

describe("inbox retention", () => {
  it("is applied by the deployment's inbox relay: settled rows past 30 days go, the rest stay", async () => {
    const day = 86_400_000;
    const row = (deliveryId: string, status: string, ageDays: number) => ({
      workspaceId: harness.workspaceId,
      connectionId: harness.connectionIds.hris,
      deliveryId,
      entity: "employee",
      action: "updated",
      externalId: deliveryId,
      changedAt: new Date(Date.now() - ageDays * day),
      receivedAt: new Date(Date.now() - ageDays * day),
      status,
    });
    await harness.db.webhookEvent.createMany({
      data: [
        row("expired-processed", "processed", 31),
        row("expired-failed", "failed", 45),
        row("old-but-queued", "queued", 45),
        row("within-retention", "processed", 29),
      ],
    });
    await startInboxRelay(env.client, harness.taskQueue, 60_000);
    await eventually(async () => {
      const left = await harness.db.webhookEvent.findMany({
        where: { workspaceId: harness.workspaceId },
        select: { deliveryId: true },
      });
      expect(left.map((r) => r.deliveryId).sort()).toEqual(["old-but-queued", "within-retention"]);
    });
  });
});
