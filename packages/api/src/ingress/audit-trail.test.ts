// The audit trail on real components: what every outcome records, with its connection, record
// pair, event and run, and sensitive values sealed at rest and masked in the views.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bambooHrGustoTemplate, type MappingDocumentInput } from "@tandem/mapping";
import { isSealedAuditValue, openAuditValue, scopeToWorkspace } from "@tandem/db";
import { testDatabases } from "@tandem/db/testing";
import { resolveReviewItem } from "../review/review-queue";
import { workspaceOverview } from "../syncs/workspace-overview";
import {
  editInVendor,
  eventually,
  hireAndSync,
  startSyncHarness,
  testSecretKey,
  type SyncHarness,
} from "../testing/sync-harness";
import { useTestTemporal } from "../testing/use-test-temporal";

const temporal = useTestTemporal();

/** The template with identity and job fields under manual review: both sides changing one is a conflict. */
const reviewedIdentity: MappingDocumentInput = {
  ...bambooHrGustoTemplate,
  nodes: bambooHrGustoTemplate.nodes.map((node) =>
    node.type === "conflictRule" && node.id === "hris-owns-identity"
      ? { ...node, data: { ...node.data, strategy: "manual-review" } }
      : node,
  ),
};

describe.each(testDatabases())("the audit trail, on $name", (database) => {
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

  const rowsOf = (where: Record<string, unknown>) =>
    harness.db.auditEntry.findMany({
      where: { workspaceId: harness.workspaceId, ...where },
      orderBy: { createdAt: "asc" },
    });

  const hiredAndSynced = () => hireAndSync(harness, { dateOfBirth: "1980-01-02" });

  it("names the connection written, the record pair, the event and the run on every written field", async () => {
    const person = await hiredAndSynced();
    await editInVendor(harness.hris, person.id, { jobTitle: "Lead" });
    const [row] = await eventually(async () => {
      const rows = await rowsOf({ outcome: "written", field: "job.title", aId: person.id });
      expect(rows.map((r) => r.after)).toContain('"Lead"');
      return rows.filter((r) => r.after === '"Lead"');
    });
    const link = await harness.db.recordLink.findFirstOrThrow({
      where: { workspaceId: harness.workspaceId, aId: person.id },
    });
    const step = await harness.db.syncEvent.findFirstOrThrow({
      where: { workspaceId: harness.workspaceId, id: row?.stepId ?? "" },
    });
    expect(row).toMatchObject({
      syncId: harness.syncId,
      connectionId: harness.connectionIds.payroll,
      linkId: link.id,
      aId: person.id,
      bId: person.payrollId,
      direction: "A->B",
      before: '"Engineer"',
      deliveryId: step.deliveryId,
      webhookEventId: step.webhookEventId,
    });
    expect(row?.deliveryId).toBeTruthy();
    expect(row?.webhookEventId).toBeTruthy();
    expect(row?.workflowId).toMatch(/./);
    expect(row?.runId).toMatch(/./);
  });

  it("stores a sensitive field's values sealed to the workspace and shows them masked", async () => {
    const person = await hiredAndSynced();
    await editInVendor(harness.hris, person.id, { dateOfBirth: "1990-05-17" });
    const row = await eventually(async () => {
      const [found] = await rowsOf({ outcome: "written", field: "date_of_birth", aId: person.id });
      expect(found).toBeDefined();
      return found!;
    });
    expect(isSealedAuditValue(row.before)).toBe(true);
    expect(isSealedAuditValue(row.after)).toBe(true);
    expect(`${row.before}${row.after}`).not.toMatch(/1990|1980/);
    const binding = { workspaceId: harness.workspaceId, syncId: harness.syncId, field: row.field! };
    expect(openAuditValue(testSecretKey, row.after!, binding)).toBe('"1990-05-17"');
    expect(openAuditValue(testSecretKey, row.before!, binding)).toBe('"1980-01-02"');

    const overview = await workspaceOverview(scopeToWorkspace(harness.db, harness.workspaceId), {
      id: harness.workspaceId,
      name: "W",
    });
    const shown = overview.recentChanges.find((change) => change.id === row.id);
    expect(shown).toMatchObject({ masked: true, before: '"••••"', after: '"••••"' });
    expect(JSON.stringify(overview.recentChanges)).not.toMatch(/1990-05-17/);
  });

  it("records a change that failed and will be tried again, then the write that followed", async () => {
    const person = await hiredAndSynced();
    harness.payroll.state.setFaults({ errorRate: 1 });
    try {
      await editInVendor(harness.hris, person.id, { department: "Research" });
      await eventually(async () => {
        const failed = await rowsOf({ outcome: "failed", aId: person.id });
        expect(failed[0]?.rule).toMatch(/tried again \(attempt 1 of/);
        expect(failed[0]?.bId).toBe(person.payrollId);
        expect(failed[0]?.stepId).toBeTruthy();
      });
    } finally {
      harness.payroll.state.setFaults({ errorRate: 0 });
    }
    await eventually(async () => {
      const written = await rowsOf({ outcome: "written", field: "department", aId: person.id });
      expect(written.map((r) => r.after)).toContain('"Research"');
    });
  });

  it("records a conflict as conflicted, and its resolution with the operator who answered", async () => {
    const person = await hiredAndSynced();
    await harness.publish(reviewedIdentity);
    await harness.quiescent();
    // With no worker, neither change can be applied before the other arrives (an executor
    // still awake from the publish would otherwise take the first alone).
    await harness.stopWorker();
    try {
      await editInVendor(harness.hris, person.id, { department: "Sales" });
      await editInVendor(harness.payroll, person.payrollId, { department: "Marketing" });
      await eventually(async () => {
        expect(
          await harness.db.syncEvent.count({
            where: { workspaceId: harness.workspaceId, status: "pending" },
          }),
        ).toBeGreaterThanOrEqual(2);
      });
    } finally {
      await harness.startWorker();
    }
    await harness.relay();
    const conflicted = await eventually(async () => {
      const [found] = await rowsOf({ outcome: "conflicted", aId: person.id });
      expect(found?.reviewItemId).toBeTruthy();
      return found!;
    });
    expect(conflicted).toMatchObject({ field: "department, department", rule: "conflict" });
    // The other side's change parks onto the same item: answer once both are settled.
    await harness.quiescent();

    const answered = await resolveReviewItem(
      scopeToWorkspace(harness.db, harness.workspaceId),
      harness.workspaceId,
      { id: conflicted.reviewItemId!, answer: { action: "take-b" } },
      "ada@acme.test",
      harness.nudger,
    );
    expect(answered.status).toBe("resolving");
    const resolved = await eventually(async () => {
      const rows = await rowsOf({ outcome: "resolved", reviewItemId: conflicted.reviewItemId });
      expect(rows.map((r) => r.workflowId)).toContain("operator");
      const applied = rows.find((r) => r.workflowId !== "operator");
      expect(applied).toBeDefined();
      return { operator: rows.find((r) => r.workflowId === "operator")!, applied: applied! };
    });
    // Whichever side's change parked it first names the item, and so the operator's row.
    const itemSide = conflicted.recordRef?.startsWith("b:") ? "payroll" : "hris";
    expect(resolved.operator).toMatchObject({
      actor: "ada@acme.test",
      aId: person.id,
      bId: person.payrollId,
      connectionId: harness.connectionIds[itemSide],
    });
    expect(resolved.applied).toMatchObject({ actor: "ada@acme.test", aId: person.id });
    expect(resolved.applied.rule).toMatch(/operator's answer applied/);
    expect((await harness.entities.hris.read(person.id))?.fields.department).toBe("Marketing");
  });
});
