import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "./testing/databases";
import { openMigratedDb } from "./migrate";
import type { Db } from "./client";
import { createConnection } from "./connections";
import {
  displayAuditValue,
  isSealedAuditValue,
  MASKED_AUDIT_VALUE,
  openAuditValue,
  sealAuditValue,
} from "./sealed-audit";
import { AppendOnlyError, guardUnscopedQueries, scopeToWorkspace } from "./workspace-scope";

describe.each(testDatabases())("the audit on $name is append-only", (database) => {
  let db: Db;
  let workspaceId: string;
  let syncId: string;
  let linkId: string;
  let entryId: string;

  beforeAll(async () => {
    db = await openMigratedDb(await database.create());
    const key = randomBytes(32);
    const workspace = await db.workspace.create({ data: { slug: "audit", name: "Audit" } });
    workspaceId = workspace.id;
    const [a, b] = await Promise.all(
      ["hris", "payroll"].map((name) =>
        createConnection(db, key, {
          workspaceId,
          kind: "gusto",
          name,
          settings: { baseUrl: "http://127.0.0.1:1" },
          secrets: { accessToken: "t" },
        }),
      ),
    );
    const sync = await db.sync.create({
      data: {
        workspaceId,
        name: "HRIS ↔ payroll",
        connectionAId: a!.id,
        connectionBId: b!.id,
        planVersion: "p1",
      },
    });
    syncId = sync.id;
    const link = await db.recordLink.create({
      data: { workspaceId, syncId, entity: "employee", aId: "a-1", bId: "b-1" },
    });
    linkId = link.id;
    const entry = await db.auditEntry.create({
      data: {
        workspaceId,
        syncId,
        linkId,
        aId: "a-1",
        bId: "b-1",
        connectionId: b!.id,
        direction: "A->B",
        outcome: "written",
        field: "title",
        before: '"Engineer"',
        after: '"Lead"',
        planVersion: "p1",
        workflowId: "sync-executor",
        runId: "r1",
      },
    });
    entryId = entry.id;
  });
  afterAll(async () => {
    await db.$disconnect();
  });

  const stored = () => db.auditEntry.findFirst({ where: { workspaceId, id: entryId } });

  it("refuses UPDATE and DELETE in the database itself, whatever the client", async () => {
    await expect(
      db.$executeRawUnsafe(`UPDATE "AuditEntry" SET "after" = '"CEO"' WHERE "id" = '${entryId}'`),
    ).rejects.toThrow(/append-only/);
    await expect(
      db.$executeRawUnsafe(`DELETE FROM "AuditEntry" WHERE "id" = '${entryId}'`),
    ).rejects.toThrow(/append-only/);
    await expect(
      db.auditEntry.updateMany({ where: { workspaceId }, data: { after: '"CEO"' } }),
    ).rejects.toThrow(/append-only/);
    await expect(db.auditEntry.deleteMany({ where: { workspaceId } })).rejects.toThrow(
      /append-only/,
    );
    expect((await stored())?.after).toBe('"Lead"');
  });

  it("refuses updates, upserts and deletes in the scoped and the guarded clients", async () => {
    const clients = [scopeToWorkspace(db, workspaceId), guardUnscopedQueries(db)];
    for (const client of clients) {
      await expect(
        client.auditEntry.update({ where: { id: entryId }, data: { after: '"CEO"' } }),
      ).rejects.toThrow(AppendOnlyError);
      await expect(
        client.auditEntry.updateMany({ where: { workspaceId }, data: { after: '"CEO"' } }),
      ).rejects.toThrow(AppendOnlyError);
      await expect(
        client.auditEntry.upsert({
          where: { id: entryId },
          create: {
            workspaceId,
            syncId,
            direction: "A->B",
            outcome: "written",
            planVersion: "p1",
            workflowId: "w",
            runId: "r",
          },
          update: { after: '"CEO"' },
        }),
      ).rejects.toThrow(AppendOnlyError);
      await expect(client.auditEntry.delete({ where: { id: entryId } })).rejects.toThrow(
        AppendOnlyError,
      );
      await expect(client.auditEntry.deleteMany({ where: { workspaceId } })).rejects.toThrow(
        AppendOnlyError,
      );
    }
    expect((await stored())?.after).toBe('"Lead"');
  });

  it("keeps a row when its link and its sync are deleted", async () => {
    await db.recordLink.deleteMany({ where: { workspaceId, id: linkId } });
    await db.reviewItem.deleteMany({ where: { workspaceId, syncId } });
    await db.sync.deleteMany({ where: { workspaceId, id: syncId } });
    expect(await db.sync.count({ where: { workspaceId } })).toBe(0);
    expect(await stored()).toMatchObject({ syncId, linkId, aId: "a-1", bId: "b-1" });
  });

  it("seals sensitive values bound to the workspace, sync and field, and masks them for display", () => {
    const key = randomBytes(32);
    const binding = { workspaceId, syncId, field: "salary" };
    const sealed = sealAuditValue(key, "120000", binding);
    expect(sealed).not.toContain("120000");
    expect(isSealedAuditValue(sealed)).toBe(true);
    expect(openAuditValue(key, sealed, binding)).toBe("120000");
    expect(() => openAuditValue(key, sealed, { ...binding, workspaceId: "other" })).toThrow(
      /could not be opened/,
    );
    expect(displayAuditValue(sealed)).toBe(JSON.stringify(MASKED_AUDIT_VALUE));
    expect(displayAuditValue('"Lead"')).toBe('"Lead"');
  });
});
