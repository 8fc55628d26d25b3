import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "@tandem/db/testing";
import { INBOX_RELAY_WORKFLOW_ID, startInboxRelay } from "@tandem/workflows";
import { eventually, startSyncHarness, type SyncHarness } from "../testing/sync-harness";
import { useTestTemporal } from "../testing/use-test-temporal";

const temporal = useTestTemporal();
let harness: SyncHarness;
const [sqlite] = testDatabases();

beforeAll(async () => {
  if (!sqlite) throw new Error("no SQLite test database");
  harness = await startSyncHarness({
    databaseUrl: await sqlite.create(),
    env: temporal.env,
    workflowBundle: temporal.workflowBundle,
  });
}, 120_000);

afterAll(async () => {
  await temporal.env.client.workflow
    .getHandle(INBOX_RELAY_WORKFLOW_ID)
    .terminate("test over")
    .catch(() => undefined);
  await harness?.close();
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
    await startInboxRelay(temporal.env.client, harness.taskQueue, 60_000);
    await eventually(async () => {
      const left = await harness.db.webhookEvent.findMany({
        where: { workspaceId: harness.workspaceId },
        select: { deliveryId: true },
      });
      expect(left.map((r) => r.deliveryId).sort()).toEqual(["old-but-queued", "within-retention"]);
    });
  });
});
