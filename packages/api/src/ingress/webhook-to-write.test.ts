import { createHmac, randomUUID } from "node:crypto";
import { TestWorkflowEnvironment } from "@temporalio/testing";
import type { WorkflowBundleWithSourceMap } from "@temporalio/worker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleWorkflows } from "@tandem/workflows";
import { testDatabases } from "@tandem/db/testing";
import {
  editInVendor,
  eventually,
  startSyncHarness,
  temporalCliPath,
  type SyncHarness,
} from "../testing/sync-harness";

let env: TestWorkflowEnvironment;
let workflowBundle: WorkflowBundleWithSourceMap;

beforeAll(async () => {
  [env, workflowBundle] = await Promise.all([
    TestWorkflowEnvironment.createLocal({
      server: { executable: { type: "existing-path", path: temporalCliPath() } },
    }),
    bundleWorkflows(),
  ]);
}, 120_000);

afterAll(async () => {
  await env?.teardown();
});

describe.each(testDatabases())("webhook to write, on $name", (database) => {
  let harness: SyncHarness;

  beforeAll(async () => {
    harness = await startSyncHarness({ databaseUrl: await database.create(), env, workflowBundle });
  }, 60_000);
  afterAll(async () => {
    await harness?.close();
  });

  async function firstHrisEmployee() {
    const page = await harness.connectors.hris.listEmployees();
    const employee = page.items[0];
    if (!employee?.employee.workEmail)
      throw new Error("the HRIS simulator has no seeded employee with a work email");
    return employee;
  }

  it("writes an HRIS change into payroll and records it field by field", async () => {
    const employee = await firstHrisEmployee();
    await editInVendor(harness.hris, employee.externalId, { lastName: "Lovelace-Byron" });

    const inPayroll = await eventually(async () => {
      const found = await harness.connectors.payroll.findEmployeeByWorkEmail(
        employee.employee.workEmail ?? "",
      );
      expect(found?.employee.lastName).toBe("Lovelace-Byron");
      return found;
    });
    expect(inPayroll?.employee.firstName).toBe(employee.employee.firstName);

    // The vendor write lands before the shadow and audit commit, so the audit may trail it.
    await eventually(async () => {
      const audit = await harness.db.auditEntry.findMany({
        where: { workspaceId: harness.workspaceId, direction: "A->B", field: "lastName" },
      });
      expect(audit.map((a) => JSON.parse(a.after ?? "null") as unknown)).toContain(
        "Lovelace-Byron",
      );
    });
  });

  it("suppresses the echo of its own write instead of writing back", async () => {
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
  });

  it("carries a payroll change back to the HRIS", async () => {
    const employee = await firstHrisEmployee();
    const inPayroll = await harness.connectors.payroll.findEmployeeByWorkEmail(
      employee.employee.workEmail ?? "",
    );
    if (!inPayroll) throw new Error("the employee was not created in payroll");
    await editInVendor(harness.payroll, inPayroll.externalId, { last_name: "King" });
    await eventually(async () => {
      expect(
        (await harness.connectors.hris.getEmployee(employee.externalId))?.employee.lastName,
      ).toBe("King");
    });
  });

  it("parks a change the vendor refuses, with its reason, and goes on with the next one", async () => {
    const employee = await firstHrisEmployee();
    await harness.setPayrollAccessToken("revoked-token");
    await editInVendor(harness.hris, employee.externalId, { lastName: "Refused" });
    const failed = await eventually(async () => {
      const events = await harness.db.webhookEvent.findMany({
        where: { workspaceId: harness.workspaceId, status: "failed" },
      });
      expect(events.length).toBeGreaterThan(0);
      return events;
    });
    expect(failed[0]?.error).toMatch(/401/);

    await harness.setPayrollAccessToken(harness.payrollAccessToken);
    await editInVendor(harness.hris, employee.externalId, { lastName: "Accepted" });
    await eventually(async () => {
      const inPayroll = await harness.connectors.payroll.findEmployeeByWorkEmail(
        employee.employee.workEmail ?? "",
      );
      expect(inPayroll?.employee.lastName).toBe("Accepted");
    });
  });

  it("stores a change that arrives while Temporal is unreachable and relays it later", async () => {
    const employee = await firstHrisEmployee();
    const waiting = {
      workspaceId: harness.workspaceId,
      connectionId: harness.connectionIds.hris,
      externalId: employee.externalId,
      status: "received",
    };
    harness.setTemporalReachable(false);
    try {
      await editInVendor(harness.hris, employee.externalId, { lastName: "Offline" });
      await eventually(async () => {
        expect(await harness.db.webhookEvent.count({ where: waiting })).toBe(1);
      });
    } finally {
      harness.setTemporalReachable(true);
    }
    // Other deliveries (echoes of earlier writes) may have been held back too.
    expect(await harness.relay()).toBeGreaterThanOrEqual(1);
    expect(await harness.db.webhookEvent.count({ where: waiting })).toBe(0);
    await eventually(async () => {
      const inPayroll = await harness.connectors.payroll.findEmployeeByWorkEmail(
        employee.employee.workEmail ?? "",
      );
      expect(inPayroll?.employee.lastName).toBe("Offline");
    });
  });

  async function postGustoWebhook(body: string, signature: string) {
    return fetch(`${harness.ingressUrl}/hooks/${harness.connectionIds.payroll}`, {
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
  });

  it("ignores an unsigned handshake no registration of ours awaits, and stores nothing", async () => {
    const before = await harness.db.webhookEvent.count({
      where: { workspaceId: harness.workspaceId },
    });
    const response = await fetch(`${harness.ingressUrl}/hooks/${harness.connectionIds.payroll}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ verification_token: "a1b2c3" }),
    });
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
