import { createHmac, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "@tandem/db/testing";
import { syncExecutorWorkflowId } from "@tandem/sync-core";
import {
  editInVendor,
  eventually,
  startSyncHarness,
  type SyncHarness,
} from "../testing/sync-harness";
import { useTestTemporal } from "../testing/use-test-temporal";

const temporal = useTestTemporal();

describe.each(testDatabases())("webhook to write, on $name", (database) => {
  let harness: SyncHarness;

  beforeAll(async () => {
    harness = await startSyncHarness({
      databaseUrl: await database.create(),
      env: temporal.env,
      workflowBundle: temporal.workflowBundle,
    });
  }, 60_000);
  afterAll(async () => {
    await harness?.close();
  });

  async function firstHrisEmployee() {
    const page = await harness.entities.hris.list();
    const employee = page.items.find((item) => typeof item.fields.workEmail === "string");
    if (!employee) throw new Error("the HRIS simulator has no seeded employee with a work email");
    return {
      id: employee.id,
      workEmail: String(employee.fields.workEmail),
      fields: employee.fields,
    };
  }
  async function inPayroll(workEmail: string) {
    const [found] = (await harness.entities.payroll.findByField?.("work_email", workEmail)) ?? [];
    return found ?? null;
  }

  it("writes an HRIS change into payroll and records it field by field, with the run and step", async () => {
    const employee = await firstHrisEmployee();
    await editInVendor(harness.hris, employee.id, { lastName: "Lovelace-Byron" });

    const created = await eventually(async () => {
      const found = await inPayroll(employee.workEmail);
      expect(found?.fields.last_name).toBe("Lovelace-Byron");
      return found;
    });
    expect(created?.fields.first_name).toBe(employee.fields.firstName);

    const audit = await eventually(async () => {
      const rows = await harness.db.auditEntry.findMany({
        where: { workspaceId: harness.workspaceId, direction: "A->B", field: "last_name" },
      });
      expect(rows.map((a) => JSON.parse(a.after ?? "null") as unknown)).toContain("Lovelace-Byron");
      return rows;
    });
    expect(audit[0]?.workflowId).toMatch(/\/executor$/);
    expect(audit[0]?.stepId).toBeTruthy();
    const link = await harness.db.recordLink.findFirst({
      where: { workspaceId: harness.workspaceId, aId: employee.id },
    });
    expect(link?.bId).toBe(created?.id);
    expect(link?.pendingCreate).toBeNull();
  });

  it("suppresses the echo of its own write instead of writing back, and finishes every inbox row", async () => {
    const suppressed = await eventually(async () => {
      const rows = await harness.db.auditEntry.findMany({
        where: { workspaceId: harness.workspaceId, direction: "B->A", outcome: "suppressed" },
      });
      expect(rows.length).toBeGreaterThan(0);
      return rows;
    });
    expect(suppressed[0]?.rule).toMatch(/duplicate or echo/);
    const writesBack = await harness.db.auditEntry.count({
      where: {
        workspaceId: harness.workspaceId,
        direction: "B->A",
        outcome: { in: ["written", "created"] },
      },
    });
    expect(writesBack).toBe(0);
    await eventually(async () => {
      const unfinished = await harness.db.webhookEvent.count({
        where: { workspaceId: harness.workspaceId, status: { in: ["received", "queued"] } },
      });
      expect(unfinished).toBe(0);
    });
  });

  it("carries a payroll change back to the HRIS", async () => {
    const employee = await firstHrisEmployee();
    const payroll = await inPayroll(employee.workEmail);
    if (!payroll) throw new Error("the employee was not created in payroll");
    await editInVendor(harness.payroll, payroll.id, { last_name: "King" });
    await eventually(async () => {
      expect((await harness.entities.hris.read(employee.id))?.fields.lastName).toBe("King");
    });
  });

  it("settles the echo of its own write by reading only the system that sent it", async () => {
    const employee = await firstHrisEmployee();
    const payroll = await inPayroll(employee.workEmail);
    if (!payroll) throw new Error("the employee was not created in payroll");
    await harness.quiescent();
    const marks = {
      hris: harness.hris.state.requests.length,
      payroll: harness.payroll.state.requests.length,
    };
    const calls = (system: "hris" | "payroll", method: string, id: string) =>
      harness[system].state.requests
        .slice(marks[system])
        .filter((entry) => entry.method === method)
        .filter((entry) => entry.path.split("?")[0]?.endsWith(`/employees/${id}`)).length;

    await editInVendor(harness.hris, employee.id, { lastName: "Echo-Reader" });
    await eventually(async () => {
      expect((await inPayroll(employee.workEmail))?.fields.last_name).toBe("Echo-Reader");
    });
    await harness.quiescent();
    // The change: the HRIS record read once, payroll read and written. The echo: payroll read.
    expect(calls("hris", "GET", employee.id)).toBe(1);
    expect(calls("payroll", "PUT", payroll.id)).toBe(1);
    expect(calls("payroll", "GET", payroll.id)).toBe(2);
  });

  it("parks a write the vendor refuses in the review queue, with its reason, and goes on with the next change", async () => {
    const employee = await firstHrisEmployee();
    await harness.setPayrollAccessToken("revoked-token");
    await editInVendor(harness.hris, employee.id, { lastName: "Refused" });
    const item = await eventually(async () => {
      const found = await harness.db.reviewItem.findFirst({
        where: { workspaceId: harness.workspaceId, kind: "refused", status: "open" },
      });
      expect(found).not.toBeNull();
      return found;
    });
    expect(item?.summary).toMatch(/401/);

    await harness.setPayrollAccessToken(harness.payrollAccessToken);
    await editInVendor(harness.hris, employee.id, { lastName: "Accepted" });
    await eventually(async () => {
      expect((await inPayroll(employee.workEmail))?.fields.last_name).toBe("Accepted");
      const closed = await harness.db.reviewItem.findFirst({
        where: { workspaceId: harness.workspaceId, id: item?.id ?? "" },
      });
      expect(closed?.status).toBe("resolved");
    });
  });

  it("keeps a change that arrives while Temporal is unreachable queued, and the relay hands it over", async () => {
    const employee = await firstHrisEmployee();
    const waiting = {
      workspaceId: harness.workspaceId,
      syncId: harness.syncId,
      externalId: employee.id,
      status: "pending",
    };
    // Everything earlier settled (a late echo would start the executor again), then no executor
    // running: a live one drains whatever is due without being signalled.
    await harness.quiescent();
    await temporal.env.client.workflow
      .getHandle(
        syncExecutorWorkflowId({ workspaceId: harness.workspaceId, syncId: harness.syncId }),
      )
      .terminate("the test stops the executor")
      .catch(() => undefined);
    harness.setTemporalReachable(false);
    try {
      await editInVendor(harness.hris, employee.id, { lastName: "Offline" });
      await eventually(async () => {
        expect(await harness.db.syncEvent.count({ where: waiting })).toBeGreaterThanOrEqual(1);
      });
    } finally {
      harness.setTemporalReachable(true);
    }
    expect(await harness.relay()).toBeGreaterThanOrEqual(1);
    await eventually(async () => {
      expect((await inPayroll(employee.workEmail))?.fields.last_name).toBe("Offline");
      expect(await harness.db.syncEvent.count({ where: waiting })).toBe(0);
    });
  });

  async function postGustoWebhook(body: string, signature: string) {
    return fetch(`${harness.ingressUrl}/api/hooks/${harness.connectionIds.payroll}`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-gusto-signature": signature },
      body,
    });
  }

  it("acknowledges a redelivered webhook and stores it once", async () => {
    const uuid = randomUUID();
    const body = JSON.stringify({
      uuid,
      event_type: "employee.updated",
      resource_type: "Company",
      resource_uuid: randomUUID(),
      entity_type: "Employee",
      entity_uuid: randomUUID(),
      timestamp: Math.floor(Date.now() / 1000),
    });
    const signature = createHmac("sha256", harness.secrets.gustoWebhookToken)
      .update(body)
      .digest("hex");
    const first = await postGustoWebhook(body, signature);
    const second = await postGustoWebhook(body, signature);
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ accepted: 1, duplicates: 0 });
    expect(await second.json()).toMatchObject({ accepted: 0, duplicates: 1 });
    expect(
      await harness.db.webhookEvent.count({
        where: { workspaceId: harness.workspaceId, deliveryId: `gusto:${uuid}` },
      }),
    ).toBe(1);
    expect(
      await harness.db.syncEvent.count({
        where: { workspaceId: harness.workspaceId, deliveryId: `gusto:${uuid}` },
      }),
    ).toBe(1);
  });

  it("ignores an unsigned handshake no registration of ours awaits, and stores nothing", async () => {
    const before = await harness.db.webhookEvent.count({
      where: { workspaceId: harness.workspaceId },
    });
    const response = await fetch(
      `${harness.ingressUrl}/api/hooks/${harness.connectionIds.payroll}`,
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ verification_token: "a1b2c3" }),
      },
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ handshake: "ignored" });
    expect(
      await harness.db.webhookEvent.count({ where: { workspaceId: harness.workspaceId } }),
    ).toBe(before);
  });

  it("rejects a webhook with a wrong signature with 401 and stores nothing", async () => {
    const before = await harness.db.webhookEvent.count({
      where: { workspaceId: harness.workspaceId },
    });
    const body = JSON.stringify({
      uuid: randomUUID(),
      event_type: "employee.updated",
      entity_type: "Employee",
      entity_uuid: randomUUID(),
      timestamp: Math.floor(Date.now() / 1000),
    });
    const forged = createHmac("sha256", "not-the-token").update(body).digest("hex");
    const response = await postGustoWebhook(body, forged);
    expect(response.status).toBe(401);
    expect(
      await harness.db.webhookEvent.count({ where: { workspaceId: harness.workspaceId } }),
    ).toBe(before);
  });
});
