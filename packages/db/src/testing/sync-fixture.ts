import { randomBytes } from "node:crypto";
import type { Db } from "../client";
import { createConnection } from "../connections";

/** A fresh workspace with an HRIS (side A) and a payroll (side B) connection and a sync of both. */
export async function createSyncFixture(db: Db) {
  const workspace = await db.workspace.create({
    data: { slug: `t-${randomBytes(4).toString("hex")}`, name: "Test" },
  });
  const key = randomBytes(32);
  const hris = await createConnection(db, key, {
    workspaceId: workspace.id,
    kind: "bamboohr",
    name: "HRIS",
    settings: { companyDomain: "acme" },
    secrets: { apiKey: "k" },
  });
  const payroll = await createConnection(db, key, {
    workspaceId: workspace.id,
    kind: "gusto",
    name: "Payroll",
    settings: { baseUrl: "http://127.0.0.1:1" },
    secrets: { accessToken: "t" },
  });
  const sync = await db.sync.create({
    data: {
      workspaceId: workspace.id,
      name: "S",
      connectionAId: hris.id,
      connectionBId: payroll.id,
      planVersion: "p",
    },
  });
  return { workspaceId: workspace.id, hris, payroll, syncId: sync.id };
}
