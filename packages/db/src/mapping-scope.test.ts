import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "./testing/databases";
import type { Db } from "./client";
import { openMigratedDb } from "./migrate";
import { guardUnscopedQueries, scopeToWorkspace, WorkspaceScopeError } from "./workspace-scope";

describe.each(testDatabases())("mappings are workspace-owned on $name", (database) => {
  let db: Db;
  const workspaces: string[] = [];

  beforeAll(async () => {
    db = await openMigratedDb(await database.create());
    for (const slug of ["one", "two"]) {
      const workspace = await db.workspace.create({ data: { slug, name: slug } });
      workspaces.push(workspace.id);
      const mapping = await db.mapping.create({
        data: { workspaceId: workspace.id, name: `${slug} mapping`, draft: "{}" },
      });
      await db.mappingVersion.create({
        data: {
          workspaceId: workspace.id,
          mappingId: mapping.id,
          hash: "sha256:x",
          document: "{}",
          plan: "{}",
          summary: "{}",
        },
      });
    }
  });
  afterAll(async () => {
    await db.$disconnect();
  });

  it("shows a workspace only its own mappings and versions", async () => {
    const [one] = workspaces;
    const scoped = scopeToWorkspace(db, one!);
    expect((await scoped.mapping.findMany()).map((m) => m.name)).toEqual(["one mapping"]);
    expect(await scoped.mappingVersion.count()).toBe(1);
  });

  it("refuses unscoped bulk queries on mappings and versions", async () => {
    const guarded = guardUnscopedQueries(db);
    await expect(guarded.mapping.findMany()).rejects.toThrow(WorkspaceScopeError);
    await expect(guarded.mappingVersion.deleteMany({ where: {} })).rejects.toThrow(
      WorkspaceScopeError,
    );
  });

  it("keeps one version per mapping and hash", async () => {
    const mapping = await db.mapping.findFirstOrThrow({ where: { workspaceId: workspaces[0] } });
    await expect(
      db.mappingVersion.create({
        data: {
          workspaceId: mapping.workspaceId,
          mappingId: mapping.id,
          hash: "sha256:x",
          document: "{}",
          plan: "{}",
          summary: "{}",
        },
      }),
    ).rejects.toThrow();
  });
});
