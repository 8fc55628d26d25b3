// Reconciliation on real components: the BambooHR and Gusto simulators (real HTTP), a real
// database and a worker on a real Temporal dev server. A change whose webhook never arrived is
// found through the vendor's change listing (BambooHR's `GET /v1/employees/changed`, Gusto's
// `GET /v1/events` with the system access token) and repaired by the executor's normal step; a
// change listing that answers malformed pages is retried, reported, and repairs nothing from
// it. Without Gusto's system token, payroll is compared page by page.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { guardUnscopedQueries, scopeToWorkspace } from "@tandem/db";
import { testDatabases } from "@tandem/db/testing";
import { syncReconcileScheduleId } from "@tandem/sync-core";
import {
  RECONCILE_WORKFLOW,
  followAllSyncSchedules,
  type ReconcileInput,
  type ReconcileReport,
} from "@tandem/workflows";
import { seedMember } from "../../test/fixtures";
import { startSession } from "../auth";
import { createCaller } from "../root";
import {
  createInVendor,
  editInVendor,
  eventually,
  hrisHire,
  startSyncHarness,
  type SyncHarness,
} from "../testing/sync-harness";
import { useTestTemporal } from "../testing/use-test-temporal";

const temporal = useTestTemporal();

/** One reconciliation run of the harness's sync, started as its schedule would; its report. */
function runReconcile(
  harness: SyncHarness,
  options: Pick<ReconcileInput, "retry"> = {},
): Promise<ReconcileReport> {
  return temporal.env.client.workflow.execute(RECONCILE_WORKFLOW, {
    workflowId: `reconcile-test-${randomUUID()}`,
    taskQueue: harness.taskQueue,
    args: [
      {
        workspaceId: harness.workspaceId,
        syncId: harness.syncId,
        ...options,
      } satisfies ReconcileInput,
    ],
  }) as Promise<ReconcileReport>;
}

function operatorCaller(harness: SyncHarness) {
  let token: Promise<string> | null = null;
  return createCaller(async () => {
    token ??= (async () => {
      const workspace = await harness.db.workspace.findUniqueOrThrow({
        where: { id: harness.workspaceId },
      });
      const { user } = await seedMember(harness.db, workspace.slug, "operator");
      return (
        await startSession({ db: harness.db }, { userId: user.id, workspaceId: workspace.id })
      ).token;
    })();
    return {
      db: guardUnscopedQueries(harness.db),
      scopedDb: (workspaceId: string) => scopeToWorkspace(harness.db, workspaceId),
      temporal: () => Promise.resolve(temporal.env.client),
      taskQueue: harness.taskQueue,
      reconcileIntervalMinutes: 60,
      sessionToken: await token,
    };
  });
}

describe.each(testDatabases())("reconciliation, on $name", (database) => {
  let harness: SyncHarness;
  let person: { hris: string; payroll: string };

  beforeAll(async () => {
    harness = await startSyncHarness({
      databaseUrl: await database.create(),
      env: temporal.env,
      workflowBundle: temporal.workflowBundle,
      seedEmployees: 0,
    });
    const email = `reconcile-${randomUUID()}@acme.test`;
    const { id } = await createInVendor(
      harness.hris,
      hrisHire({
        firstName: "Rae",
        lastName: "Conciled",
        workEmail: email,
      }),
    );
    const payroll = await eventually(async () => {
      const [found] = (await harness.entities.payroll.findByField?.("work_email", email)) ?? [];
      if (!found) throw new Error(`${email} not in payroll yet`);
      return found;
    }, 60_000);
    person = { hris: id, payroll: payroll.id };
    await harness.quiescent();
  }, 120_000);
  afterAll(async () => {
    await harness?.close();
  });

  const runsOf = () =>
    operatorCaller(harness).syncs.reconcileRuns({ syncId: harness.syncId, limit: 10 });
  const run = (retry?: ReconcileInput["retry"]) => runReconcile(harness, retry ? { retry } : {});
  const payrollHolds = async (value: string) =>
    JSON.stringify((await harness.entities.payroll.read(person.payroll))?.fields).includes(value);
  const hrisHolds = async (value: string) =>
    JSON.stringify((await harness.entities.hris.read(person.hris))?.fields).includes(value);
  /** Changes a reconciliation run queued (its delivery id names the run). */
  const changesQueuedBy = (runId: string) =>
    harness.db.syncEvent.count({
      where: { workspaceId: harness.workspaceId, deliveryId: `reconcile:${runId}` },
    });

  it("repairs an HRIS change whose webhook was dropped, found through the change listing, with one audit row", async () => {
    const caller = operatorCaller(harness);
    // The sync is live: the schedule exists at the configured interval; the first run has no
    // cursor and compares every record, finding nothing to repair.
    expect(
      await caller.syncs.configureReconcile({ syncId: harness.syncId, intervalMinutes: 60 }),
    ).toEqual({ scheduled: true, intervalMinutes: 60 });
    const schedule = await temporal.env.client.schedule
      .getHandle(
        syncReconcileScheduleId({ workspaceId: harness.workspaceId, syncId: harness.syncId }),
      )
      .describe();
    expect(schedule.spec.intervals?.[0]?.every).toBe(60 * 60_000);
    await caller.syncs.reconcileNow({ syncId: harness.syncId });
    const [first] = await eventually(async () => {
      const runs = await runsOf();
      if (runs[0]?.status !== "succeeded") throw new Error("first run not finished");
      return runs;
    }, 60_000);
    expect(first).toMatchObject({
      enqueued: 0,
      a: { mode: "paged-comparison", since: null, listed: 1, drifted: 0, error: null },
      b: { mode: "paged-comparison", since: null, listed: 1, drifted: 0, error: null },
    });

    harness.hris.state.setFaults({ webhooks: { dropRate: 1 } });
    await editInVendor(harness.hris, person.hris, { jobTitle: "Reconciled Lead" });
    await harness.quiescent();
    expect(await payrollHolds("Reconciled Lead")).toBe(false);
    harness.hris.state.setFaults({ webhooks: { dropRate: 0 } });

    await caller.syncs.reconcileNow({ syncId: harness.syncId });
    const second = await eventually(async () => {
      const [latest] = await runsOf();
      if (latest?.id === first?.id || latest?.status !== "succeeded")
        throw new Error("second run not finished");
      return latest;
    }, 60_000);
    expect(second).toMatchObject({
      enqueued: 1,
      a: { mode: "change-listing", drifted: 1, error: null },
      b: { mode: "change-listing", drifted: 0, error: null },
    });
    // The HRIS side listed from the first run's cursor, less the overlap.
    expect(second.a.since?.getTime()).toBe((first?.a.cursor?.getTime() ?? 0) - 60_000);
    await harness.quiescent();
    expect(await payrollHolds("Reconciled Lead")).toBe(true);
    expect((await runsOf())[0]).toMatchObject({ repaired: 1, changes: { applied: 1 } });

    const change = await harness.db.syncEvent.findFirstOrThrow({
      where: { workspaceId: harness.workspaceId, deliveryId: `reconcile:${second.id}` },
    });
    expect(change).toMatchObject({ kind: "reconcile", side: "a", externalId: person.hris });
    const written = await harness.db.auditEntry.findMany({
      where: { workspaceId: harness.workspaceId, stepId: change.id, outcome: "written" },
    });
    expect(written).toHaveLength(1);
    expect(written[0]).toMatchObject({ direction: "A->B", deliveryId: `reconcile:${second.id}` });
    expect(written[0]?.after).toContain("Reconciled Lead");
  }, 180_000);

  it("retries a malformed change listing, reports it and queues nothing from that side; the next run lists the window again", async () => {
    const [before] = await runsOf();

    harness.hris.state.setFaults({ malformedRate: 1, webhooks: { dropRate: 1 } });
    await editInVendor(harness.hris, person.hris, { department: "Reconciled Ops" });
    await harness.hris.state.whenWebhooksSettled();
    const failed = await run({ initialIntervalMs: 50, maximumAttempts: 3 });
    expect(failed).toMatchObject({ status: "partial", enqueued: 0 });
    const [report] = await runsOf();
    expect(report).toMatchObject({
      id: failed.reconcileRunId,
      status: "partial",
      enqueued: 0,
      a: { attempts: 3, drifted: 0, cursor: null },
      b: { error: null },
    });
    expect(report?.b.cursor).toBeInstanceOf(Date);
    expect(report?.a.error).toMatch(/attempt 3: .*malformed JSON/);
    expect(await changesQueuedBy(failed.reconcileRunId)).toBe(0);
    await harness.quiescent();
    expect(await payrollHolds("Reconciled Ops")).toBe(false);

    harness.hris.state.setFaults({ malformedRate: 0, webhooks: { dropRate: 0 } });
    const repaired = await run();
    expect(repaired).toMatchObject({ status: "succeeded", enqueued: 1 });
    const [latest] = await runsOf();
    // The failed side's cursor did not move: this run listed from where the failed one did.
    expect(latest?.a.since?.getTime()).toBe(report?.a.since?.getTime());
    expect(latest?.a.since?.getTime()).toBe((before?.a.cursor?.getTime() ?? 0) - 60_000);
    await harness.quiescent();
    expect(await payrollHolds("Reconciled Ops")).toBe(true);
  }, 180_000);

  it("repairs a payroll change whose webhook was dropped, found through Gusto's GET /v1/events, after a malformed events page was retried and reported without writes", async () => {
    const { workspaceId } = harness;
    const [before] = await runsOf();
    harness.payroll.state.setFaults({ webhooks: { dropRate: 1 } });
    await editInVendor(harness.payroll, person.payroll, { department: "Payroll Ops" });
    await harness.quiescent();
    expect(await hrisHolds("Payroll Ops")).toBe(false);

    harness.payroll.state.setFaults({ malformedRate: 1 });
    const failed = await run({ initialIntervalMs: 50, maximumAttempts: 2 });
    expect(failed).toMatchObject({ status: "partial", enqueued: 0 });
    const [report] = await runsOf();
    expect(report).toMatchObject({
      id: failed.reconcileRunId,
      status: "partial",
      enqueued: 0,
      a: { error: null },
      b: { attempts: 2, drifted: 0, cursor: null },
    });
    expect(report?.b.error).toMatch(/attempt 2: .*malformed JSON/);
    expect(await changesQueuedBy(failed.reconcileRunId)).toBe(0);
    await harness.quiescent();
    expect(await hrisHolds("Payroll Ops")).toBe(false);

    harness.payroll.state.setFaults({ malformedRate: 0, webhooks: { dropRate: 0 } });
    const repaired = await run();
    expect(repaired).toMatchObject({ status: "succeeded", enqueued: 1 });
    const [latest] = await runsOf();
    expect(latest).toMatchObject({
      id: repaired.reconcileRunId,
      a: { mode: "change-listing", drifted: 0, error: null },
      b: { mode: "change-listing", drifted: 1, error: null },
    });
    // The failed side's cursor did not move: this run listed from where the failed one did.
    expect(latest?.b.since?.getTime()).toBe(report?.b.since?.getTime());
    expect(latest?.b.since?.getTime()).toBe((before?.b.cursor?.getTime() ?? 0) - 60_000);
    await harness.quiescent();
    expect(await hrisHolds("Payroll Ops")).toBe(true);

    const change = await harness.db.syncEvent.findFirstOrThrow({
      where: { workspaceId, deliveryId: `reconcile:${repaired.reconcileRunId}` },
    });
    expect(change).toMatchObject({ kind: "reconcile", side: "b", externalId: person.payroll });
    const written = await harness.db.auditEntry.findMany({
      where: { workspaceId, stepId: change.id, outcome: "written" },
    });
    expect(written).toHaveLength(1);
    expect(written[0]).toMatchObject({
      direction: "B->A",
      connectionId: harness.connectionIds.hris,
      deliveryId: `reconcile:${repaired.reconcileRunId}`,
    });
    expect(written[0]?.after).toContain("Payroll Ops");
  }, 180_000);

  it("pausing removes the schedule; the worker's start-up pass brings it back once unpaused", async () => {
    const caller = operatorCaller(harness);
    const ref = { workspaceId: harness.workspaceId, syncId: harness.syncId };
    const schedule = () =>
      temporal.env.client.schedule.getHandle(syncReconcileScheduleId(ref)).describe();
    expect(await caller.syncs.configureReconcile({ syncId: harness.syncId, paused: true })).toEqual(
      { scheduled: false, intervalMinutes: 60 },
    );
    await expect(schedule()).rejects.toThrow();
    await expect(caller.syncs.reconcileNow({ syncId: harness.syncId })).rejects.toThrow(
      /no reconciliation schedule/,
    );
    // Unpaused while Temporal was unreachable: the next worker start creates the schedule.
    await harness.db.sync.update({
      where: { id: harness.syncId },
      data: { reconcilePaused: false },
    });
    expect(
      await followAllSyncSchedules(harness.db, temporal.env.client, {
        defaultIntervalMinutes: 15,
        taskQueue: harness.taskQueue,
      }),
    ).toBe(1);
    expect((await schedule()).spec.intervals?.[0]?.every).toBe(60 * 60_000);
  });

  it("hands a difference parked for review to the executor once, not again on every run", async () => {
    const { workspaceId, syncId } = harness;
    // Both sides change the preferred name, neither webhook arrives: a latest-change conflict
    // with no modification times, which the step parks for an operator.
    for (const simulator of [harness.hris, harness.payroll])
      simulator.state.setFaults({ webhooks: { dropRate: 1 } });
    await editInVendor(harness.hris, person.hris, { preferredName: "Pat" });
    await editInVendor(harness.payroll, person.payroll, { preferred_first_name: "Sam" });
    await harness.quiescent();
    for (const simulator of [harness.hris, harness.payroll])
      simulator.state.setFaults({ webhooks: { dropRate: 0 } });

    expect(await run()).toMatchObject({
      status: "succeeded",
      drifted: { a: 1, b: 1 },
      enqueued: 2,
    });
    await harness.quiescent();
    expect(
      await harness.db.reviewItem.count({ where: { workspaceId, syncId, status: "open" } }),
    ).toBeGreaterThan(0);
    // Still different from the shadows, but unchanged since: nothing is queued again.
    expect(await run()).toMatchObject({
      status: "succeeded",
      drifted: { a: 0, b: 0 },
      enqueued: 0,
    });
  });
});

describe.each(testDatabases())(
  "reconciliation without Gusto's system access token, on $name",
  (database) => {
    let harness: SyncHarness;

    beforeAll(async () => {
      harness = await startSyncHarness({
        databaseUrl: await database.create(),
        env: temporal.env,
        workflowBundle: temporal.workflowBundle,
        seedEmployees: 0,
        gustoSystemAccessToken: false,
      });
      await harness.quiescent();
    }, 120_000);
    afterAll(async () => {
      await harness?.close();
    });

    it("compares payroll page by page once a cursor exists, while the HRIS side lists its changes", async () => {
      expect(await runReconcile(harness)).toMatchObject({ status: "succeeded" });
      const second = await runReconcile(harness);
      expect(second).toMatchObject({ status: "succeeded" });
      const [report] = await operatorCaller(harness).syncs.reconcileRuns({
        syncId: harness.syncId,
        limit: 1,
      });
      expect(report).toMatchObject({
        id: second.reconcileRunId,
        a: { mode: "change-listing", error: null },
        b: { mode: "paged-comparison", error: null },
      });
      expect(report?.b.since).toBeInstanceOf(Date);
    }, 120_000);
  },
);
