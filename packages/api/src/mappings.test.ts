import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { createConnection, openMigratedDb, scopeToWorkspace, type Db } from "@tandem/db";
import { testDatabases } from "@tandem/db/testing";
import { bambooHrGustoTemplate, MappingDocument } from "@tandem/mapping";
import { startBambooHrSimulator, type SimulatorHandle } from "@tandem/simulators";
import { callerFor, rejection, seedWorkspaces } from "../test/fixtures";
import { ExpressionPool } from "./expressions/expression-pool";
import { whatIfDraft } from "./mappings/what-if";

const TEMPLATE_ID = "template.bamboohr-gusto";
const secretKey = randomBytes(32);
const connectorAccess = { secretKey, allowPrivateNetwork: true };

/** The template with its status map inverted: every active employee would be written terminated. */
function withInvertedStatus(document: MappingDocument): MappingDocument {
  const next = structuredClone(document);
  for (const node of next.nodes)
    if (node.type === "enumMap" && node.id === "status-to-terminated")
      node.data.entries = node.data.entries.map((entry) => ({ ...entry, to: !entry.to }));
  return next;
}

describe.each(testDatabases())("mappings router on $name", (database) => {
  let db: Db;
  let hris: SimulatorHandle<unknown>;
  const syncIds: Record<string, string> = {};
  const connectionIds: Record<string, { a: string; b: string }> = {};

  beforeAll(async () => {
    db = await openMigratedDb(await database.create());
    const apiKey = randomUUID();
    hris = await startBambooHrSimulator({
      companyDomain: "acme",
      apiKey,
      seed: { count: 3, seed: 7 },
    });
    for (const [slug, workspace] of Object.entries(await seedWorkspaces(db))) {
      const a = await createConnection(db, secretKey, {
        workspaceId: workspace.id,
        kind: "bamboohr",
        name: `${slug} HRIS`,
        settings: { baseUrl: hris.url, companyDomain: "acme" },
        secrets: { apiKey, webhookPrivateKey: randomUUID() },
      });
      // Nothing listens on port 9: payroll is unreachable, so its records come from shadows.
      const b = await createConnection(db, secretKey, {
        workspaceId: workspace.id,
        kind: "gusto",
        name: `${slug} payroll`,
        settings: { baseUrl: "http://127.0.0.1:9", companyId: randomUUID() },
        secrets: { accessToken: randomUUID(), webhookVerificationToken: randomUUID() },
      });
      connectionIds[slug] = { a: a.id, b: b.id };
      const sync = await db.sync.create({
        data: {
          workspaceId: workspace.id,
          name: `${slug} sync`,
          connectionAId: a.id,
          connectionBId: b.id,
          planVersion: "skeleton",
        },
      });
      syncIds[slug] = sync.id;
    }
  });
  afterAll(async () => {
    await hris?.close();
    await db?.$disconnect();
  });

  async function tableCounts() {
    return Promise.all([
      db.mapping.count(),
      db.mappingVersion.count(),
      db.sync.findMany({ select: { planVersion: true }, orderBy: { id: "asc" } }),
      db.recordLink.count(),
      db.webhookEvent.count(),
      db.auditEntry.count(),
    ]);
  }

  let boundId = "";
  let firstHash = "";

  it("creates a mapping from a template, bound to a sync, and lists it", async () => {
    const north = callerFor(db, "north", connectorAccess);
    const templates = await north.mappings.templates();
    expect(templates.map((t) => t.id)).toContain(TEMPLATE_ID);
    ({ id: boundId } = await north.mappings.create({
      name: "BambooHR ⇄ Gusto",
      templateId: TEMPLATE_ID,
      syncId: syncIds.north,
    }));
    const mapping = await north.mappings.get({ id: boundId });
    expect(mapping.draft).toEqual(MappingDocument.parse(bambooHrGustoTemplate));
    expect(mapping).toMatchObject({ draftRevision: 0, publishedHash: null, versions: [] });
    expect(mapping.conflictSummary.text).toMatch(/BambooHR wins for .*; Gusto wins for /);
    expect(await north.mappings.list()).toEqual([
      expect.objectContaining({ id: boundId, syncName: "north sync", versionCount: 0 }),
    ]);
    const second = await rejection(
      north.mappings.create({ name: "again", templateId: TEMPLATE_ID, syncId: syncIds.north }),
    );
    expect(second.code).toBe("CONFLICT");
  });

  it("refuses a save from a stale revision and an invalid document, keeping the draft", async () => {
    const north = callerFor(db, "north", connectorAccess);
    const before = await north.mappings.get({ id: boundId });
    const stale = await rejection(
      north.mappings.saveDraft({ id: boundId, document: before.draft, baseRevision: 7 }),
    );
    expect(stale.code).toBe("CONFLICT");

    const broken = structuredClone(before.draft);
    broken.nodes = broken.nodes.map((node) =>
      node.id === "pay-rate"
        ? ({ ...node, data: { ...node.data, currency: "dollars" } } as typeof node)
        : node,
    );
    const invalid = await rejection(
      north.mappings.saveDraft({ id: boundId, document: broken, baseRevision: 0 }),
    );
    expect(invalid.code).toBe("BAD_REQUEST");
    expect(invalid.message).toMatch(/node "pay-rate".*ISO 4217/);
    const imported = await rejection(
      north.mappings.create({ name: "imported", document: { format: "other/v9", nodes: [] } }),
    );
    expect(imported.code).toBe("BAD_REQUEST");
    expect(imported.message).toMatch(/format "other\/v9" is not supported/);

    const after = await north.mappings.get({ id: boundId });
    expect(after.draft).toEqual(before.draft);
    expect(after.draftRevision).toBe(0);
    expect(await north.mappings.list()).toHaveLength(1);
  });

  it("saves drafts with compile errors but refuses to publish them, naming the node", async () => {
    const north = callerFor(db, "north", connectorAccess);
    const { id } = await north.mappings.create({ name: "unfinished" });
    const empty = await north.mappings.get({ id });
    const draft = structuredClone(empty.draft);
    for (const node of draft.nodes)
      if (node.type === "side")
        node.data.fields.push({
          id: node.data.side === "a" ? "email" : "work_email",
          type: "email",
          required: true,
          nullable: false,
          sensitive: false,
        });
    for (const node of draft.nodes)
      if (node.type === "side" && node.data.side === "b")
        node.data.fields.push({
          id: "last_name",
          type: "string",
          required: true,
          nullable: false,
          sensitive: false,
        });
    draft.edges.push({
      id: "email",
      source: "a",
      sourceHandle: "email",
      target: "b",
      targetHandle: "work_email",
      data: { oneWay: true },
    });
    const saved = await north.mappings.saveDraft({ id, document: draft, baseRevision: 0 });
    expect(saved.revision).toBe(1);
    const refused = await rejection(north.mappings.publish({ id, baseRevision: 1 }));
    expect(refused.code).toBe("BAD_REQUEST");
    expect(refused.message).toMatch(/\[node "b"\] B\.last_name is required/);
  });

  it("publishes once per plan, pins the sync, diffs versions and rolls back", async () => {
    const north = callerFor(db, "north", connectorAccess);
    const first = await north.mappings.publish({ id: boundId, baseRevision: 0, note: "initial" });
    expect(first.created).toBe(true);
    expect(first.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(first.summary.text).toMatch(/^first version: /);
    firstHash = first.hash;
    const again = await north.mappings.publish({ id: boundId, baseRevision: 0 });
    expect(again).toMatchObject({ hash: first.hash, created: false });
    expect((await db.sync.findUniqueOrThrow({ where: { id: syncIds.north } })).planVersion).toBe(
      first.hash,
    );

    const draft = (await north.mappings.get({ id: boundId })).draft;
    await north.mappings.saveDraft({
      id: boundId,
      document: withInvertedStatus(draft),
      baseRevision: 0,
    });
    const pending = await north.mappings.diff({ id: boundId, from: first.hash, to: "draft" });
    expect(pending.transformsChanged.map((change) => change.nodeId)).toEqual([
      "status-to-terminated",
    ]);
    const second = await north.mappings.publish({ id: boundId, baseRevision: 1, note: "oops" });
    expect(second).toMatchObject({ created: true, summary: { text: "1 transform changed" } });

    const mapping = await north.mappings.get({ id: boundId });
    expect(mapping.versions.map((v) => [v.hash, v.note])).toEqual([
      [second.hash, "oops"],
      [first.hash, "initial"],
    ]);
    const diff = await north.mappings.diff({ id: boundId, from: first.hash, to: second.hash });
    expect(diff.summary.text).toBe("1 transform changed");
    const version = await north.mappings.version({ id: boundId, hash: first.hash });
    expect(version.plan.hash).toBe(first.hash);

    const rolledBack = await north.mappings.rollback({ id: boundId, hash: first.hash });
    expect(rolledBack).toEqual({ publishedHash: first.hash, draftRevision: 2 });
    expect((await db.sync.findUniqueOrThrow({ where: { id: syncIds.north } })).planVersion).toBe(
      first.hash,
    );
    const restored = await north.mappings.get({ id: boundId });
    expect(restored.draft).toEqual(version.document);
    expect(restored.publishedHash).toBe(first.hash);

    const exported = await north.mappings.exportDocument({ id: boundId, hash: second.hash });
    expect(exported.fileName).toMatch(/^bamboohr-gusto-[0-9a-f]{12}\.mapping\.json$/);
    expect(JSON.parse(exported.text)).toEqual(withInvertedStatus(version.document));
  });

  it("hides one workspace's mappings from another", async () => {
    const south = callerFor(db, "south", connectorAccess);
    expect(await south.mappings.list()).toEqual([]);
    const attempts = [
      () => south.mappings.get({ id: boundId }),
      () =>
        south.mappings.saveDraft({ id: boundId, document: bambooHrGustoTemplate, baseRevision: 2 }),
      () => south.mappings.publish({ id: boundId, baseRevision: 2 }),
      () => south.mappings.rollback({ id: boundId, hash: firstHash }),
      () => south.mappings.version({ id: boundId, hash: firstHash }),
    ];
    for (const attempt of attempts) expect((await rejection(attempt())).code).toBe("NOT_FOUND");
    const foreignSync = await rejection(
      south.mappings.create({ name: "steal", syncId: syncIds.north }),
    );
    expect(foreignSync.code).toBe("NOT_FOUND");
  });

  it("previews generated records for an unbound mapping and live ones for a connected side", async () => {
    const north = callerFor(db, "north", connectorAccess);
    const { id } = await north.mappings.create({ name: "loose", templateId: TEMPLATE_ID });
    const generated = await north.mappings.samples({ id, side: "b", limit: 3 });
    expect(generated.source).toBe("generated");
    expect(generated.records).toHaveLength(3);
    expect(await north.mappings.samples({ id, side: "b", limit: 3 })).toEqual(generated);

    const live = await north.mappings.samples({ id: boundId, side: "a" });
    expect(live.source).toBe("connection");
    expect(live.records).toHaveLength(3);
    for (const sample of live.records) {
      expect(sample.label).toBe(
        `${String(sample.record.firstName)} ${String(sample.record.lastName)}`,
      );
      expect(sample.record).not.toHaveProperty("id");
    }
    const unreachable = await north.mappings.samples({ id: boundId, side: "b" });
    expect(unreachable.source).toBe("generated");
    expect(unreachable.unavailableReason).toMatch(/could not be read/);
  });

  it("replays recorded changes through the published and draft plans without writing", async () => {
    const north = callerFor(db, "north", connectorAccess);
    const workspaceId = (await db.workspace.findUniqueOrThrow({ where: { slug: "north" } })).id;
    const [employee] = (await north.mappings.samples({ id: boundId, side: "a", limit: 1 })).records;
    if (!employee) throw new Error("the simulator has no employees");
    const changedAt = new Date();
    await db.webhookEvent.createMany({
      data: [
        { deliveryId: "hris-1", connectionId: connectionIds.north!.a, externalId: employee.id },
        { deliveryId: "payroll-1", connectionId: connectionIds.north!.b, externalId: "g-1" },
        { deliveryId: "payroll-2", connectionId: connectionIds.north!.b, externalId: "g-2" },
      ].map((event, index) => ({
        ...event,
        workspaceId,
        entity: "employee",
        action: "updated",
        changedAt,
        receivedAt: new Date(changedAt.getTime() - index * 1000),
      })),
    });
    await db.recordLink.create({
      data: {
        workspaceId,
        syncId: syncIds.north!,
        entity: "employee",
        bId: "g-1",
        shadowB: JSON.stringify({ first_name: "Ada", terminated: false }),
      },
    });
    const draft = (await north.mappings.get({ id: boundId })).draft;
    const saved = await north.mappings.saveDraft({
      id: boundId,
      document: withInvertedStatus(draft),
      baseRevision: 2,
    });
    const countsBefore = await tableCounts();

    const report = await north.mappings.whatIf({ id: boundId, limit: 10 });

    expect(report.events.map((event) => [event.deliveryId, event.direction, event.source])).toEqual(
      [
        ["hris-1", "aToB", "live"],
        ["payroll-1", "bToA", "shadow"],
      ],
    );
    expect(report.skipped).toEqual([
      expect.objectContaining({ deliveryId: "payroll-2", externalId: "g-2" }),
    ]);
    const status = employee.record.status;
    expect(report.events[0]?.differences).toEqual([
      { field: "terminated", published: status === "Inactive", draft: status !== "Inactive" },
    ]);
    expect(report.events[1]?.differences).toEqual([
      { field: "status", published: "Active", draft: "Inactive" },
    ]);
    expect(report.changedEventCount).toBe(2);

    expect(await tableCounts()).toEqual(countsBefore);
    // Nothing in this file writes to the simulator: every vendor API call it saw was a read.
    const requests = (await (await fetch(`${hris.url}/_admin/requests`)).json()) as {
      method: string;
      path: string;
    }[];
    const vendorCalls = requests.filter((request) => !request.path.startsWith("/_admin"));
    expect(vendorCalls.some((request) => request.path.includes(`/employees/${employee.id}`))).toBe(
      true,
    );
    expect(vendorCalls.filter((request) => request.method !== "GET")).toEqual([]);
    expect(saved.revision).toBe(3);
  });

  it("refuses a what-if for a draft that does not compile", async () => {
    const north = callerFor(db, "north", connectorAccess);
    const draft = (await north.mappings.get({ id: boundId })).draft;
    draft.edges = draft.edges.filter((edge) => edge.targetHandle !== "first_name");
    await north.mappings.saveDraft({ id: boundId, document: draft, baseRevision: 3 });
    const refused = await rejection(north.mappings.whatIf({ id: boundId }));
    expect(refused.code).toBe("BAD_REQUEST");
    expect(refused.message).toMatch(/B\.first_name is required/);
  });

  it("replays a draft whose expression stalls in the expression pool, stopped per record and within its budget", async () => {
    const north = callerFor(db, "north", connectorAccess);
    const workspaceId = (await db.workspace.findUniqueOrThrow({ where: { slug: "north" } })).id;
    const withExpression = (expression: string) => {
      const document = MappingDocument.parse(bambooHrGustoTemplate);
      for (const node of document.nodes)
        if (node.type === "expression" && node.id === "phone-digits")
          node.data.expression = expression;
      // Fed from a field every employee has, so the expression always runs.
      for (const edge of document.edges)
        if (edge.target === "phone-digits") edge.sourceHandle = "firstName";
      return document;
    };
    const pool = new ExpressionPool({ size: 1, timeoutMs: 250 });
    onTestFinished(() => pool.close());
    const whatIf = (budgetMs: number) =>
      whatIfDraft(
        {
          db,
          wdb: scopeToWorkspace(db, workspaceId),
          workspaceId,
          access: connectorAccess,
          expressions: pool,
          budget: { totalMs: budgetMs },
        },
        { id: boundId, limit: 10 },
      );

    // Exponential for a backtracking engine; RE2 answers at once.
    const catastrophic = await north.mappings.saveDraft({
      id: boundId,
      document: withExpression('$contains($pad("", 40, "a") & "!", /(a+)+$/) ? phone : phone'),
      baseRevision: 4,
    });
    const regexReport = await whatIf(60_000);
    expect(regexReport.events.map((event) => event.deliveryId)).toEqual(["hris-1", "payroll-1"]);

    // One JSONata step that runs for about a second, past the pool's 250 ms.
    await north.mappings.saveDraft({
      id: boundId,
      document: withExpression('$length($pad("", 1500000, "ab")) > 0 ? phone : phone'),
      baseRevision: catastrophic.revision,
    });
    const report = await whatIf(100);
    expect(report.events).toEqual([]);
    expect(report.skipped.map((skip) => [skip.deliveryId, skip.reason])).toEqual([
      [
        "hris-1",
        "the draft version: the mapping ran longer than 250 ms on this record and was stopped",
      ],
      ["payroll-1", "not replayed: the what-if's 0.1 s budget was spent"],
      ["payroll-2", "not replayed: the what-if's 0.1 s budget was spent"],
    ]);
  });
});
