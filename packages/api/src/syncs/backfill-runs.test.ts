// The backfill and its dry run on real components: the BambooHR and Gusto simulators (real
// HTTP), a real database and a worker on a real Temporal dev server, started and followed
// through the tRPC procedures the app uses.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { guardUnscopedQueries, scopeToWorkspace } from "@tandem/db";
import { testDatabases } from "@tandem/db/testing";
import { bambooHrGustoTemplate, type MappingDocumentInput } from "@tandem/mapping";
import type { SimulatorHandle } from "@tandem/simulators";
import { syncBackfillWorkflowId } from "@tandem/sync-core";
import type { BackfillProgress } from "@tandem/workflows";
import { seedMember } from "../../test/fixtures";
import { startSession } from "../auth";
import { createCaller } from "../root";
import {
  createInVendor,
  editInVendor,
  eventually,
  startSyncHarness,
  type SyncHarness,
} from "../testing/sync-harness";
import { useTestTemporal } from "../testing/use-test-temporal";

const temporal = useTestTemporal();

/** The template with identity fields under manual review, so a differing department is a conflict. */
const reviewedIdentity: MappingDocumentInput = {
  ...bambooHrGustoTemplate,
  nodes: bambooHrGustoTemplate.nodes.map((node) =>
    node.type === "conflictRule" && node.id === "hris-owns-identity"
      ? { ...node, data: { ...node.data, strategy: "manual-review" } }
      : node,
  ),
};

/** A caller signed in as an operator (or viewer) of the harness's workspace, starting workflows on its worker. */
function operatorCaller(harness: SyncHarness, role: "operator" | "viewer" = "operator") {
  let token: Promise<string> | null = null;
  return createCaller(async () => {
    token ??= (async () => {
      const workspace = await harness.db.workspace.findUniqueOrThrow({
        where: { id: harness.workspaceId },
      });
      const { user } = await seedMember(harness.db, workspace.slug, role);
      return (
        await startSession({ db: harness.db }, { userId: user.id, workspaceId: workspace.id })
      ).token;
    })();
    return {
      db: guardUnscopedQueries(harness.db),
      scopedDb: (workspaceId: string) => scopeToWorkspace(harness.db, workspaceId),
      temporal: () => Promise.resolve(temporal.env.client),
      taskQueue: harness.taskQueue,
      sessionToken: await token,
    };
  });
}

const HRIS_PEOPLE = 300;
const PAYROLL_PEOPLE = 280;

/** Payroll's employees by work email (the seeded people are the same on both sides). */
function payrollIdsByEmail(payroll: SimulatorHandle<unknown>) {
  const employees = payroll.state.employees() as { uuid: string; work_email: string | null }[];
  return new Map(employees.map((employee) => [employee.work_email ?? "", employee.uuid]));
}

/**
 * Before webhooks are wired: departments differ for 3 people (a conflict under manual review),
 * pay for 5 (payroll owns pay), preferred names for 4 (latest change, no times: the HRIS
 * value), and 2 people exist only in payroll.
 */
async function prepareDifferences(vendors: {
  hris: SimulatorHandle<unknown>;
  payroll: SimulatorHandle<unknown>;
}) {
  const hris = vendors.hris.state.employees() as { id: string; workEmail: string }[];
  const payrollIds = payrollIdsByEmail(vendors.payroll);
  const payrollIdOf = (index: number) => payrollIds.get(hris[index]?.workEmail ?? "") ?? "";
  for (const index of [0, 1, 2])
    await editInVendor(vendors.hris, hris[index]?.id ?? "", { department: `Dept-${index}` });
  for (const index of [10, 11, 12, 13, 14])
    await editInVendor(vendors.payroll, payrollIdOf(index), {
      rate: `${90_000 + index}.00`,
    });
  for (const index of [20, 21, 22, 23])
    await editInVendor(vendors.hris, hris[index]?.id ?? "", { preferredName: `Pref-${index}` });
  for (const index of [1, 2])
    await createInVendor(vendors.payroll, {
      first_name: "Only",
      last_name: `InPayroll-${index}`,
      work_email: `only-payroll-${index}@example.com`,
    });
}

describe.each(testDatabases())("backfill, on $name", (database) => {
  let harness: SyncHarness;

  const caller = () => operatorCaller(harness);
  const result = (mode: "backfill" | "dry-run"): Promise<BackfillProgress> =>
    temporal.env.client.workflow
      .getHandle(
        syncBackfillWorkflowId({ workspaceId: harness.workspaceId, syncId: harness.syncId }, mode),
      )
      .result();

  beforeAll(async () => {
    harness = await startSyncHarness({
      databaseUrl: await database.create(),
      env: temporal.env,
      workflowBundle: temporal.workflowBundle,
      seedEmployees: HRIS_PEOPLE,
      seedPayroll: PAYROLL_PEOPLE,
      mapping: reviewedIdentity,
      prepareVendors: prepareDifferences,
    });
  }, 60_000);
  afterAll(async () => {
    await harness?.close();
  });

  it("lets a viewer read a backfill's progress but not start one", async () => {
    const viewer = operatorCaller(harness, "viewer");
    await expect(
      viewer.backfills.start({ syncId: harness.syncId, mode: "dry-run" }),
    ).rejects.toThrow(/needs the operator role/);
    expect(await viewer.backfills.progress({ syncId: harness.syncId, mode: "dry-run" })).toBeNull();
  });

  it("a dry run counts what the backfill then does: links, writes per the plan, creates, a parked conflict", async () => {
    const { syncId, workspaceId, db } = harness;
    const payrollBefore = harness.payroll.state.employees().length;

    await caller().backfills.start({ syncId, mode: "dry-run", pageSize: 50 });
    await result("dry-run");
    const dry = await caller().backfills.progress({ syncId, mode: "dry-run" });
    expect(dry?.status).toBe("COMPLETED");
    const dryProgress = dry?.progress;
    if (!dryProgress) throw new Error("the dry run reported no progress");
    expect(dryProgress.phase).toBe("done");
    expect(dryProgress.total).toBe(HRIS_PEOPLE + 2);
    expect(dryProgress.done).toBe(dryProgress.total);
    // Nothing written: no link, no vendor change, no review item.
    expect(await db.recordLink.count({ where: { workspaceId } })).toBe(0);
    expect(await db.reviewItem.count({ where: { workspaceId } })).toBe(0);
    expect(harness.payroll.state.employees().length).toBe(payrollBefore);
    // Samples per field: payroll's pay goes into the HRIS, the HRIS's preferred names into payroll.
    expect(dryProgress.fieldDiffs["a.payRate"]?.count).toBe(5);
    expect(dryProgress.fieldDiffs["a.payRate"]?.samples[0]?.after).toMatch(/^9001\d\.00 USD$/);
    expect(dryProgress.fieldDiffs["b.preferred_first_name"]?.count).toBe(4);

    await caller().backfills.start({ syncId, mode: "backfill", pageSize: 50 });
    const seen = await eventually(async () => {
      const progress = (await caller().backfills.progress({ syncId, mode: "backfill" }))?.progress;
      if (!progress || progress.done === 0) throw new Error("no page done yet");
      return progress;
    });
    expect(seen.total).toBe(dryProgress.total);
    const done = await result("backfill");
    expect(done.phase).toBe("done");
    expect(done.counts).toEqual(dryProgress.counts);
    expect(done.counts).toMatchObject({
      linked: PAYROLL_PEOPLE,
      created: HRIS_PEOPLE - PAYROLL_PEOPLE + 2,
      updated: 5 + 4,
      parked: 3,
      unmatched: 0,
      failed: 0,
    });
    expect(done.counts.unchanged).toBe(PAYROLL_PEOPLE - 5 - 4 - 3);

    const links = await db.recordLink.findMany({ where: { workspaceId, syncId } });
    expect(links).toHaveLength(HRIS_PEOPLE + 2);
    expect(links.every((link) => link.aId && link.bId && link.shadowA && link.shadowB)).toBe(true);
    // The backfill's writes come back as webhooks; the executor finds them echoes, and no
    // person is created twice.
    await harness.quiescent();
    expect(harness.payroll.state.employees()).toHaveLength(HRIS_PEOPLE + 2);
    expect(harness.hris.state.employees()).toHaveLength(HRIS_PEOPLE + 2);
    expect(await db.recordLink.count({ where: { workspaceId } })).toBe(HRIS_PEOPLE + 2);

    const conflicts = await db.reviewItem.findMany({ where: { workspaceId, kind: "conflict" } });
    expect(conflicts).toHaveLength(3);
    const hris = harness.hris.state.employees() as { id: string; payRate: string | null }[];
    const paid = await Promise.all(
      [10, 11, 12, 13, 14].map((i) => harness.entities.hris.read(hris[i]?.id ?? "")),
    );
    expect(paid.map((record) => record?.fields.payRate)).toEqual(
      [10, 11, 12, 13, 14].map((i) => `${90_000 + i}.00 USD`),
    );
    const audit = await db.auditEntry.groupBy({
      by: ["outcome"],
      where: { workspaceId, syncId },
      _count: true,
    });
    const rows = Object.fromEntries(audit.map((row) => [row.outcome, row._count]));
    expect(rows.linked).toBe(PAYROLL_PEOPLE);
    expect(rows.conflicted).toBe(3);
    expect(await db.backfillRecord.count({ where: { workspaceId } })).toBe(0);

    // Run again: everything is linked and agrees, but for the conflicts still parked.
    await caller().backfills.start({ syncId, mode: "dry-run" });
    const again = await result("dry-run");
    expect(again.counts).toEqual({
      linked: 0,
      created: 0,
      updated: 0,
      unchanged: HRIS_PEOPLE + 2 - 3,
      parked: 3,
      unmatched: 0,
      failed: 0,
    });
  }, 120_000);
});

describe("backfill across a worker restart, on SQLite", () => {
  let harness: SyncHarness;
  const people = 300;
  const inPayroll = 260;

  beforeAll(async () => {
    const [sqlite] = testDatabases();
    if (!sqlite) throw new Error("no SQLite test database");
    harness = await startSyncHarness({
      databaseUrl: await sqlite.create(),
      env: temporal.env,
      workflowBundle: temporal.workflowBundle,
      seedEmployees: people,
      seedPayroll: inPayroll,
    });
    // Slow vendors, so the restart lands while pages are still to come.
    for (const vendor of [harness.hris, harness.payroll])
      vendor.state.setFaults({ latency: { fixedMs: 8, jitterMs: 4 } });
  }, 60_000);
  afterAll(async () => {
    await harness?.close();
  });

  it("finishes after a restart in the middle, with no page done twice and no pair linked twice", async () => {
    const { db, workspaceId, syncId } = harness;
    const caller = operatorCaller(harness);
    await caller.backfills.start({ syncId, mode: "backfill", pageSize: 20, pagesAtOnce: 1 });
    const before = await eventually(async () => {
      const progress = (await caller.backfills.progress({ syncId, mode: "backfill" }))?.progress;
      if (!progress || progress.pagesDone < 2) throw new Error("fewer than two pages done");
      return progress;
    });
    expect(before.pagesDone).toBeLessThan(before.pages);
    expect(before.etaSeconds).not.toBeNull();
    await harness.restartWorker();

    const handle = temporal.env.client.workflow.getHandle(
      syncBackfillWorkflowId({ workspaceId, syncId }, "backfill"),
    );
    const done = (await handle.result()) as BackfillProgress;
    expect(done.done).toBe(done.total);
    expect(done.total).toBe(people);
    expect(done.counts).toMatchObject({
      linked: inPayroll,
      created: people - inPayroll,
      unchanged: inPayroll,
      failed: 0,
    });

    // Each page was scheduled once; only a page in flight at the restart may have been retried.
    const { events } = await handle.fetchHistory();
    const pageActivities = (events ?? []).filter(
      (event) =>
        event.activityTaskScheduledEventAttributes?.activityType?.name === "processBackfillPage",
    );
    expect(pageActivities).toHaveLength(done.pages);
    const retried = (events ?? []).filter(
      (event) => (event.activityTaskStartedEventAttributes?.attempt ?? 1) > 1,
    );
    expect(retried.length).toBeLessThanOrEqual(1);

    await harness.quiescent();
    const links = await db.recordLink.findMany({ where: { workspaceId, syncId } });
    expect(links).toHaveLength(people);
    expect(new Set(links.map((link) => link.aId)).size).toBe(people);
    expect(new Set(links.map((link) => link.bId)).size).toBe(people);
    const linkedRows = await db.auditEntry.findMany({
      where: { workspaceId, syncId, outcome: "linked" },
      select: { linkId: true },
    });
    expect(linkedRows).toHaveLength(inPayroll);
    expect(new Set(linkedRows.map((row) => row.linkId)).size).toBe(inPayroll);
    expect(harness.payroll.state.employees()).toHaveLength(people);
    expect(harness.hris.state.employees()).toHaveLength(people);
  }, 180_000);
});
