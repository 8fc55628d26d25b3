import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "./testing/databases";
import { applyMigrations, openMigratedDb } from "./migrate";
import { databaseProvider, type Db } from "./client";
import { createConnection, openConnection } from "./connections";
import { createInboxWriter } from "./inbox-writer";
import { guardUnscopedQueries, scopeToWorkspace, WorkspaceScopeError } from "./workspace-scope";

describe.each(testDatabases())("database on $name", (database) => {
  let db: Db;
  let url: string;
  const key = randomBytes(32);

  beforeAll(async () => {
    url = await database.create();
    db = await openMigratedDb(url);
  });
  afterAll(async () => {
    await db.$disconnect();
  });

  it("applies each migration once", async () => {
    const again = await applyMigrations(db, databaseProvider(url));
    expect(again.applied).toEqual([]);
    expect(again.alreadyApplied).toBeGreaterThan(0);
  });

  it("stores a delivery once and reports the redelivery as a duplicate", async () => {
    const workspace = await db.workspace.create({ data: { slug: `w-${Date.now()}`, name: "W" } });
    const connection = await createConnection(db, key, {
      workspaceId: workspace.id,
      kind: "gusto",
      name: "Payroll",
      settings: { baseUrl: "http://127.0.0.1:1" },
      secrets: { accessToken: "s3cret" },
    });
    const change = {
      workspaceId: workspace.id,
      connectionId: connection.id,
      deliveryId: "gusto:1",
      entity: "employee",
      action: "updated",
      externalId: "e1",
      changedAt: new Date(),
    };
    const inbox = createInboxWriter(db);
    const first = await inbox.store(change);
    const second = await inbox.store(change);
    expect(first.duplicate).toBe(false);
    expect(second.duplicate).toBe(true);
    expect(await db.webhookEvent.count({ where: { workspaceId: workspace.id } })).toBe(1);
  });

  it("keeps secrets sealed at rest and opens them with the key", async () => {
    const workspace = await db.workspace.create({ data: { slug: `s-${Date.now()}`, name: "S" } });
    const created = await createConnection(db, key, {
      workspaceId: workspace.id,
      kind: "bamboohr",
      name: "HRIS",
      settings: { companyDomain: "acme" },
      secrets: { apiKey: "key-123" },
    });
    expect(created.secretsSealed).not.toContain("key-123");
    const opened = await openConnection(db, key, created.id);
    expect(opened?.config).toMatchObject({
      companyDomain: "acme",
      apiKey: "key-123",
      kind: "bamboohr",
    });
    await expect(openConnection(db, randomBytes(32), created.id)).rejects.toThrow(
      /could not be opened/,
    );
  });

  it("scopes queries to one workspace and refuses unscoped bulk queries", async () => {
    const [one, two] = await Promise.all(
      ["one", "two"].map((name) =>
        db.workspace.create({ data: { slug: `${name}-${Date.now()}`, name } }),
      ),
    );
    if (!one || !two) throw new Error("workspaces not created");
    for (const workspace of [one, two]) {
      await createConnection(db, key, {
        workspaceId: workspace.id,
        kind: "gusto",
        name: workspace.name,
        settings: {},
        secrets: {},
      });
    }
    const scoped = scopeToWorkspace(db, one.id);
    const visible = await scoped.connection.findMany({});
    expect(visible.map((c) => c.name)).toEqual(["one"]);
    const guarded = guardUnscopedQueries(db);
    await expect(guarded.connection.findMany({})).rejects.toBeInstanceOf(WorkspaceScopeError);
    await expect(guarded.connection.deleteMany({ where: { name: "two" } })).rejects.toBeInstanceOf(
      WorkspaceScopeError,
    );
  });
});
