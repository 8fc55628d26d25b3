// Records one history of each workflow for the replay test (workflows/history_files/), from a
// run of the engine on real components: the sync executor across a newly published plan and a
// create, a dry run and a backfill, a reconciliation run that repairs a dropped webhook, a few
// rounds of the inbox relay, and a PostgreSQL table's change feed from start to stop (this one
// needs TANDEM_TEST_POSTGRES_URL).
//   npx tsx scripts/capture-workflow-histories.ts
// Run it again, and commit the files, after a workflow change that is meant to be replay-safe
// for new runs only (behind `patched`), so the next change is checked against both.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import proto from "@temporalio/proto";
import pg from "pg";
import { createTestDatabase, testPostgresUrl } from "@tandem/db/testing";
import { bambooHrGustoTemplate } from "@tandem/mapping";
import {
  changeFeedWorkflowId,
  syncExecutorWorkflowId,
  syncReconcileWorkflowId,
} from "@tandem/sync-core";
import {
  INBOX_RELAY_WORKFLOW_ID,
  RECONCILE_WORKFLOW,
  startInboxRelay,
  type ReconcileInput,
} from "@tandem/workflows";
import { startBackfill } from "@tandem/workflows/backfill-client";
import {
  STAFF_TABLE_SETTINGS,
  STAFF_TABLE_SQL,
  createInVendor,
  allRecordIds,
  editInVendor,
  eventually,
  staffTableMapping,
  startSyncHarness,
  startTestTemporal,
} from "@tandem/api/testing";

const postgres = testPostgresUrl();
if (!("url" in postgres)) throw new Error(`a PostgreSQL server is needed: ${postgres.skipReason}`);

const out = path.join(import.meta.dirname, "..", "workflows", "history_files");
const { env, workflowBundle } = await startTestTemporal();
const harness = await startSyncHarness({
  databaseUrl: `file:${path.join(mkdtempSync(path.join(tmpdir(), "tandem-histories-")), "h.db")}`,
  env,
  workflowBundle,
  seedEmployees: 4,
  seedPayroll: 2,
});
try {
  const ref = { workspaceId: harness.workspaceId, syncId: harness.syncId };
  const histories: Record<string, string> = {};
  for (const mode of ["dry-run", "backfill"] as const) {
    const started = await startBackfill(env.client, ref, mode, { taskQueue: harness.taskQueue });
    await env.client.workflow.getHandle(started.workflowId).result();
    histories[mode] = started.workflowId;
  }

  const hris = await allRecordIds(harness.entities.hris);
  await editInVendor(harness.hris, hris[0] ?? "", { jobTitle: "Lead" });
  await harness.quiescent();
  await createInVendor(harness.hris, {
    firstName: "Hedy",
    lastName: "Lamarr",
    workEmail: "hedy@acme.test",
    status: "Active",
    employmentHistoryStatus: "Full-Time",
  });
  await harness.quiescent();
  await harness.publish({
    ...bambooHrGustoTemplate,
    edges: bambooHrGustoTemplate.edges.filter((edge) => edge.sourceHandle !== "department"),
  });
  await editInVendor(harness.hris, hris[1] ?? "", { department: "Ops", jobTitle: "Manager" });
  await harness.quiescent();
  histories["sync-executor"] = syncExecutorWorkflowId(ref);

  harness.hris.state.setFaults({ webhooks: { dropRate: 1 } });
  await editInVendor(harness.hris, hris[2] ?? "", { jobTitle: "Reconciled" });
  await harness.quiescent();
  harness.hris.state.setFaults({ webhooks: { dropRate: 0 } });
  const reconcileId = syncReconcileWorkflowId(ref);
  await env.client.workflow.execute(RECONCILE_WORKFLOW, {
    workflowId: reconcileId,
    taskQueue: harness.taskQueue,
    args: [ref satisfies ReconcileInput],
  });
  await harness.quiescent();
  histories.reconcile = reconcileId;

  await startInboxRelay(env.client, harness.taskQueue, 100);
  const relay = env.client.workflow.getHandle(INBOX_RELAY_WORKFLOW_ID);
  for (;;) {
    const events = (await relay.fetchHistory()).events?.length ?? 0;
    if (events >= 40) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await relay.terminate("enough rounds recorded");
  histories["inbox-relay"] = INBOX_RELAY_WORKFLOW_ID;

  const tableUrl = await createTestDatabase(postgres.url);
  const sql = new pg.Client({ connectionString: tableUrl });
  await sql.connect();
  await sql.query(STAFF_TABLE_SQL);
  const tableHarness = await startSyncHarness({
    databaseUrl: `file:${path.join(mkdtempSync(path.join(tmpdir(), "tandem-histories-")), "t.db")}`,
    env,
    workflowBundle,
    seedEmployees: 0,
    mapping: staffTableMapping,
    engine: { changeFeed: { runMs: 500, pruneEveryMs: 700 } },
    payrollTable: { connectionString: tableUrl, settings: STAFF_TABLE_SETTINGS },
  });
  try {
    await tableHarness.startChangeFeeds();
    await eventually(() => sql.query("SELECT 1 FROM tandem_staff_changes LIMIT 0"));
    await sql.query(
      `INSERT INTO staff (given_name, family_name, email) VALUES ('Ada', 'Lovelace', 'ada@acme.test')`,
    );
    await tableHarness.quiescent();
    await eventually(async () => {
      const left = await sql.query("SELECT 1 FROM tandem_staff_changes");
      if (left.rowCount !== 0) throw new Error("the change is not pruned yet");
    });
    await tableHarness.db.mapping.updateMany({
      where: { workspaceId: tableHarness.workspaceId, syncId: tableHarness.syncId },
      data: { publishedHash: null },
    });
    const feedId = changeFeedWorkflowId({
      workspaceId: tableHarness.workspaceId,
      connectionId: tableHarness.connectionIds.payroll,
    });
    await env.client.workflow.getHandle(feedId).result();
    histories["change-feed"] = feedId;
  } finally {
    await tableHarness.close();
    await sql.end();
  }

  mkdirSync(out, { recursive: true });
  for (const [name, workflowId] of Object.entries(histories)) {
    const history = await env.client.workflow.getHandle(workflowId).fetchHistory();
    const file = path.join(out, `${name}.bin`);
    // Binary protobuf: the SDK's JSON conversion trips over two protobufjs copies.
    writeFileSync(file, proto.temporal.api.history.v1.History.encode(history).finish());
    console.log(
      `${name}: ${history.events?.length ?? 0} events → ${path.relative(process.cwd(), file)}`,
    );
  }
} finally {
  await harness.close();
  await env.teardown();
}
