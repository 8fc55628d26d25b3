// The engine's behaviour on real components, one scenario per test: ingress over HTTP, the
// BambooHR and Gusto simulators, a real database and a worker on a real Temporal dev server.
import { Worker } from "@temporalio/worker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bambooHrGustoTemplate } from "@tandem/mapping";
import { syncExecutorWorkflowId } from "@tandem/sync-core";
import { testDatabases } from "@tandem/db/testing";
import { tandemWorkerDataConverter } from "@tandem/workflows";
import {
  createInVendor,
  editInVendor,
  eventually,
  hireAndSync,
  hireInHris,
  startSyncHarness,
  testSecretKey,
  uniqueSuffix,
  type SyncHarness,
} from "../testing/sync-harness";
import { useTestTemporal } from "../testing/use-test-temporal";

const temporal = useTestTemporal();

describe.each(testDatabases())("sync scenarios, on $name", (database) => {
  let harness: SyncHarness;

  beforeAll(async () => {
    harness = await startSyncHarness({
      databaseUrl: await database.create(),
      env: temporal.env,
      workflowBundle: temporal.workflowBundle,
      seedEmployees: 0,
    });
  }, 60_000);
  afterAll(async () => {
    await harness?.close();
  });

  async function payrollByEmail(email: string) {
    return (await harness.entities.payroll.findByField?.("work_email", email)) ?? [];
  }
  async function hrisByEmail(email: string) {
    return (await harness.entities.hris.findByField?.("workEmail", email)) ?? [];
  }
  /** Waits until nothing is queued, so the next edits are seen by the engine together. */
  const settled = () => harness.quiescent();
  /** Edits made while paused are queued but not handed over; `resume` hands them over together. */
  async function whilePaused(edits: () => Promise<void>, queued: number) {
    await settled();
    const since = new Date();
    harness.setTemporalReachable(false);
    try {
      await edits();
      // Queued while ingress could not reach Temporal (an executor still running may already
      // have taken them: it drains what is due without a signal).
      await eventually(async () => {
        expect(
          await harness.db.syncEvent.count({
            where: { workspaceId: harness.workspaceId, createdAt: { gte: since } },
          }),
        ).toBeGreaterThanOrEqual(queued);
      });
    } finally {
      harness.setTemporalReachable(true);
    }
    await harness.relay();
  }
  const hire = (overrides: Record<string, unknown> = {}) => hireInHris(harness, overrides);
  const hiredAndSynced = (overrides: Record<string, unknown> = {}) =>
    hireAndSync(harness, overrides);

  it("carries a termination to payroll, and keeps it when payroll later edits another field", async () => {
    const person = await hiredAndSynced();
    await editInVendor(harness.hris, person.id, {
      status: "Inactive",
      terminationDate: "2026-11-30",
    });
    await eventually(async () => {
      const payroll = await harness.entities.payroll.read(person.payrollId);
      expect(payroll?.fields).toMatchObject({
        terminated: true,
        termination: { effective_date: "2026-11-30" },
      });
    });
    await settled();
    await editInVendor(harness.payroll, person.payrollId, { preferred_first_name: "Amazing" });
    await eventually(async () => {
      expect((await harness.entities.hris.read(person.id))?.fields.preferredName).toBe("Amazing");
    });
    await settled();
    const hris = await harness.entities.hris.read(person.id);
    expect(hris?.fields).toMatchObject({ status: "Inactive", terminationDate: "2026-11-30" });
  });

  it("lets payroll win pay when both systems changed it (the plan's per-field rule)", async () => {
    const person = await hiredAndSynced();
    await whilePaused(async () => {
      await editInVendor(harness.hris, person.id, { payRate: "95000.00 USD" });
      await editInVendor(harness.payroll, person.payrollId, { rate: "97000.00" });
    }, 2);
    await eventually(async () => {
      expect((await harness.entities.hris.read(person.id))?.fields.payRate).toBe("97000.00 USD");
    });
    await settled();
    const payroll = await harness.entities.payroll.read(person.payrollId);
    expect(payroll?.fields).toMatchObject({ compensation: { rate: "97000.00" } });
  });

  it("keeps contractors out of payroll, as the plan's filter says", async () => {
    const person = await hire({ employmentHistoryStatus: "Contractor" });
    await eventually(async () => {
      const filtered = await harness.db.auditEntry.count({
        where: {
          workspaceId: harness.workspaceId,
          recordRef: `a:${person.id}`,
          outcome: "filtered",
        },
      });
      expect(filtered).toBeGreaterThan(0);
    });
    expect(await payrollByEmail(person.email)).toHaveLength(0);
  });

  it("links the same person entered in both systems at once into one pair, creating nobody twice", async () => {
    const email = `both-${uniqueSuffix()}@acme.test`;
    await whilePaused(async () => {
      await createInVendor(harness.hris, {
        firstName: "Hedy",
        lastName: "Lamarr",
        workEmail: email,
        status: "Active",
        employmentHistoryStatus: "Full-Time",
      });
      await createInVendor(harness.payroll, {
        first_name: "Hedy",
        last_name: "Lamarr",
        work_email: email,
      });
    }, 2);
    await settled();
    expect(await hrisByEmail(email)).toHaveLength(1);
    expect(await payrollByEmail(email)).toHaveLength(1);
    const links = await harness.db.recordLink.findMany({
      where: {
        workspaceId: harness.workspaceId,
        OR: [
          { aId: (await hrisByEmail(email))[0]?.id },
          { bId: (await payrollByEmail(email))[0]?.id },
        ],
      },
    });
    expect(links).toHaveLength(1);
    expect(links[0]?.aId && links[0].bId).toBeTruthy();
  });

  it("matches a batch of new hires against one payroll listing per drain, not one per person and key", async () => {
    // Gusto has no search by email: each lookup pages the whole company. Six hires handed
    // over together used to page it three times each (the match key, then two email fields).
    const hires = 6;
    const employeesListing = (entry: { method: string; path: string }) =>
      entry.method === "GET" && /^\/v1\/companies\/[^/]+\/employees(\?|$)/.test(entry.path);
    const firstPages = (entry: { path: string }) => !/[?&]page=(?!1\b)\d+/.test(entry.path);
    await settled();
    const mark = harness.payroll.state.requests.length;
    const people: { email: string }[] = [];
    await whilePaused(async () => {
      for (let index = 0; index < hires; index++) people.push(await hire());
    }, hires);
    await settled();
    const listings = harness.payroll.state.requests
      .slice(mark)
      .filter(employeesListing)
      .filter(firstPages).length;
    for (const person of people) expect(await payrollByEmail(person.email)).toHaveLength(1);
    expect(listings).toBeGreaterThan(0);
    expect(listings).toBeLessThan(hires);
  });

  it("creates a payroll hire in the HRIS once when the HRIS made it but its answer was lost", async () => {
    // BambooHR keeps no idempotency keys, so a second create would be a second person.
    const email = `lost-${uniqueSuffix()}@acme.test`;
    harness.hris.state.setFaults({ lostAnswerRate: 1 });
    try {
      const { id: payrollId } = await createInVendor(harness.payroll, {
        first_name: "Joan",
        last_name: `Clarke-${uniqueSuffix()}`,
        work_email: email,
      });
      // The HRIS made the person, and the step never heard back.
      await eventually(async () => {
        expect(await hrisByEmail(email)).toHaveLength(1);
      });
      harness.hris.state.setFaults({ lostAnswerRate: 0 });
      await settled();
      const made = await hrisByEmail(email);
      expect(made).toHaveLength(1);
      const links = await harness.db.recordLink.findMany({
        where: { workspaceId: harness.workspaceId, bId: payrollId },
      });
      expect(links.map((link) => [link.aId, link.pendingCreate])).toEqual([[made[0]?.id, null]]);
    } finally {
      harness.hris.state.setFaults({ lostAnswerRate: 0 });
    }
  });

  it("parks a change whose records could not be told after its last attempt, instead of retrying it forever", async () => {
    const person = await hiredAndSynced();
    const gusto = async (method: string, route: string, body?: unknown) => {
      const response = await fetch(`${harness.payroll.url}${route}`, {
        method,
        headers: {
          Authorization: `Bearer ${harness.payrollAccessToken}`,
          "Content-Type": "application/json",
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return (await response.json()) as Record<string, unknown>;
    };
    const employee = (await gusto("GET", `/v1/employees/${person.payrollId}`)) as {
      jobs: { uuid: string }[];
    };
    const since = new Date();
    // With no worker, the change waits in the queue until its attempts are set (an executor
    // still awake from the hire would otherwise take it at once).
    await harness.stopWorker();
    try {
      // A compensation event names a compensation: which employee it concerns takes a read.
      await gusto("POST", `/v1/jobs/${employee.jobs[0]?.uuid ?? ""}/compensations`, {
        rate: "99000.00",
        payment_unit: "Year",
        flsa_status: "Exempt",
        effective_date: "2031-01-01",
      });
      const queued = await eventually(async () => {
        const rows = await harness.db.syncEvent.findMany({
          where: {
            workspaceId: harness.workspaceId,
            entity: "compensation",
            createdAt: { gte: since },
          },
        });
        expect(rows).toHaveLength(1);
        return rows[0];
      });
      // Its earlier attempts, as a long vendor outage would have used them up.
      await harness.db.syncEvent.updateMany({
        where: { workspaceId: harness.workspaceId, id: queued?.id ?? "" },
        data: { attempts: 11 },
      });
      harness.payroll.state.setFaults({ errorRate: 1 });
    } finally {
      await harness.startWorker();
    }
    try {
      await harness.relay();
      const parked = await eventually(async () => {
        const [row] = await harness.db.syncEvent.findMany({
          where: {
            workspaceId: harness.workspaceId,
            entity: "compensation",
            createdAt: { gte: since },
          },
        });
        expect(row?.status).toBe("parked");
        return row;
      }, 60_000);
      const item = await harness.db.reviewItem.findFirst({
        where: { workspaceId: harness.workspaceId, id: parked?.reviewItemId ?? "" },
      });
      expect(item).toMatchObject({ kind: "failed", status: "open" });
      expect(item?.summary).toContain("gave up after 12 attempts");
      const audit = await harness.db.auditEntry.findMany({
        where: {
          workspaceId: harness.workspaceId,
          stepId: parked?.id ?? "",
          rule: "retries-exhausted",
        },
      });
      expect(audit).toHaveLength(1);
    } finally {
      harness.payroll.state.setFaults({ errorRate: 0 });
    }
  });

  it("parks a likely duplicate (the same address in another email field) instead of creating it", async () => {
    const personal = `home-${uniqueSuffix()}@mail.test`;
    const { id: payrollId } = await createInVendor(harness.payroll, {
      first_name: "Katherine",
      last_name: "Johnson",
      work_email: `kj-${uniqueSuffix()}@old.test`,
      email: personal,
    });
    await settled();
    const person = await hire({ firstName: "Katherine", lastName: "Johnson", homeEmail: personal });
    const item = await eventually(async () => {
      const found = await harness.db.reviewItem.findFirst({
        where: { workspaceId: harness.workspaceId, kind: "duplicate", recordRef: `a:${person.id}` },
      });
      expect(found).not.toBeNull();
      return found;
    });
    expect(item?.summary).toContain(payrollId);
    expect(await payrollByEmail(person.email)).toHaveLength(0);
  });

  it("never moves a link to another record that reuses a linked person's key", async () => {
    const person = await hiredAndSynced();
    const rehire = await createInVendor(harness.hris, {
      firstName: "Grace",
      lastName: "Again",
      workEmail: person.email,
      status: "Active",
      employmentHistoryStatus: "Full-Time",
    });
    await eventually(async () => {
      const found = await harness.db.reviewItem.findFirst({
        where: { workspaceId: harness.workspaceId, recordRef: `a:${rehire.id}`, kind: "duplicate" },
      });
      expect(found?.summary).toMatch(/already linked/);
    });
    const link = await harness.db.recordLink.findFirst({
      where: { workspaceId: harness.workspaceId, bId: person.payrollId },
    });
    expect(link?.aId).toBe(person.id);
  });

  it("takes up a newly published plan between two changes and records its hash on every step", async () => {
    const person = await hiredAndSynced();
    const withoutDepartment = {
      ...bambooHrGustoTemplate,
      edges: bambooHrGustoTemplate.edges.filter((edge) => edge.sourceHandle !== "department"),
    } as typeof bambooHrGustoTemplate;
    const hash = await harness.publish(withoutDepartment);
    await editInVendor(harness.hris, person.id, { department: "Marketing", jobTitle: "Lead" });
    await eventually(async () => {
      expect((await harness.entities.payroll.read(person.payrollId))?.fields.job).toMatchObject({
        title: "Lead",
      });
    });
    expect((await harness.entities.payroll.read(person.payrollId))?.fields.department).toBe("R&D");
    // The vendor holds the write before the step's audit rows commit: wait for the rows.
    const rows = await eventually(async () => {
      const written = await harness.db.auditEntry.findMany({
        where: {
          workspaceId: harness.workspaceId,
          outcome: "written",
          recordRef: `a:${person.id}`,
          field: "job.title",
        },
      });
      expect(written).not.toHaveLength(0);
      return written;
    });
    expect(rows.map((row) => row.planVersion)).toEqual([hash]);

    // The executor's history, which spans both versions, replays deterministically.
    const history = await temporal.env.client.workflow
      .getHandle(
        syncExecutorWorkflowId({ workspaceId: harness.workspaceId, syncId: harness.syncId }),
      )
      .fetchHistory();
    await Worker.runReplayHistory(
      {
        workflowBundle: temporal.workflowBundle,
        dataConverter: tandemWorkerDataConverter(testSecretKey),
      },
      history,
    );
  });
});
