import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createConnection, openMigratedDb, type Db } from "@tandem/db";
import { testDatabases } from "@tandem/db/testing";
import { callerFor, callerWithToken, rejection, seedWorkspaces } from "../test/fixtures";

describe.each(testDatabases())("API scoping on $name", (database) => {
  let db: Db;
  const workspaceIds: Record<string, string> = {};

  beforeAll(async () => {
    db = await openMigratedDb(await database.create());
    for (const [slug, workspace] of Object.entries(await seedWorkspaces(db))) {
      workspaceIds[slug] = workspace.id;
      const key = randomBytes(32);
      const a = await createConnection(db, key, {
        workspaceId: workspace.id,
        kind: "bamboohr",
        name: `${slug} HRIS`,
        settings: {},
        secrets: {},
      });
      const b = await createConnection(db, key, {
        workspaceId: workspace.id,
        kind: "gusto",
        name: `${slug} payroll`,
        settings: {},
        secrets: {},
      });
      await db.sync.create({
        data: {
          workspaceId: workspace.id,
          name: `${slug} sync`,
          connectionAId: a.id,
          connectionBId: b.id,
          planVersion: "p",
        },
      });
    }
  });
  afterAll(async () => {
    await db.$disconnect();
  });

  it("shows a workspace only its own syncs and connections", async () => {
    const overview = await callerFor(db, "north").syncs.overview();
    expect(overview.syncs.map((s) => s.name)).toEqual(["north sync"]);
    expect(overview.connections.map((c) => c.name).sort()).toEqual(["north HRIS", "north payroll"]);
  });

  it("refuses another workspace's workflow history before asking Temporal", async () => {
    const foreign = `ws-${workspaceIds.south}/sync-x/employee-A-1`;
    await expect(callerFor(db, "north").runs.history({ workflowId: foreign })).rejects.toThrow(
      /no such run/,
    );
  });

  it("answers a caller without a session 401, whatever workspace exists", async () => {
    const error = await rejection(callerWithToken(db, null).syncs.overview());
    expect(error.code).toBe("UNAUTHORIZED");
  });
});
