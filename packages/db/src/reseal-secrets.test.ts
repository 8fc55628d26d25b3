import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "./client";
import { createConnection, openConnection } from "./connections";
import { openMigratedDb } from "./migrate";
import { resealConnectionSecrets } from "./reseal-secrets";
import { needsResealing, secretKeyId } from "./sealed-secrets";
import { testDatabases } from "./testing/databases";

describe.each(testDatabases())("resealing connection secrets on $name", (database) => {
  let db: Db;
  const oldKey = randomBytes(32);
  const newKey = randomBytes(32);

  beforeAll(async () => {
    db = await openMigratedDb(await database.create());
  });
  afterAll(async () => {
    await db.$disconnect();
  });

  it("rotates every connection to the new key, and only the ring still opens the old ones", async () => {
    const workspace = await db.workspace.create({ data: { slug: "rotate", name: "Rotate" } });
    const created = [];
    for (const name of ["HRIS", "Payroll"]) {
      created.push(
        await createConnection(db, oldKey, {
          workspaceId: workspace.id,
          kind: "gusto",
          name,
          settings: { baseUrl: "https://api.gusto.com", companyId: name },
          secrets: { accessToken: `token-${name}` },
        }),
      );
    }
    const ring = { current: newKey, previous: [oldKey] };
    expect(await resealConnectionSecrets(db, ring)).toEqual({ resealed: 2, current: 0, raced: 0 });
    expect(await resealConnectionSecrets(db, ring)).toEqual({ resealed: 0, current: 2, raced: 0 });
    for (const connection of created) {
      const row = await db.connection.findUniqueOrThrow({ where: { id: connection.id } });
      expect(row.secretsSealed.split(".")[1]).toBe(secretKeyId(newKey));
      expect(needsResealing(newKey, row.secretsSealed)).toBe(false);
      const opened = await openConnection(db, newKey, connection.id);
      expect(opened?.config.accessToken).toBe(`token-${connection.name}`);
      await expect(openConnection(db, oldKey, connection.id)).rejects.toThrow(/is not in/);
    }
  });

  it("a sealed value copied onto another connection's row does not open there", async () => {
    const workspace = await db.workspace.create({ data: { slug: "move", name: "Move" } });
    const victim = await createConnection(db, newKey, {
      workspaceId: workspace.id,
      kind: "gusto",
      name: "Real payroll",
      settings: { baseUrl: "https://api.gusto.com", companyId: "c1" },
      secrets: { accessToken: "real-token" },
    });
    const attacker = await createConnection(db, newKey, {
      workspaceId: workspace.id,
      kind: "gusto",
      name: "Attacker's payroll",
      settings: { baseUrl: "https://attacker.example", companyId: "c2" },
      secrets: { accessToken: "nothing" },
    });
    await db.connection.update({
      where: { id: attacker.id },
      data: { secretsSealed: victim.secretsSealed },
    });
    await expect(openConnection(db, newKey, attacker.id)).rejects.toThrow(/another connection/);
    // Pointing the victim's own row at another host does not open it either.
    await db.connection.update({
      where: { id: victim.id },
      data: { settings: JSON.stringify({ baseUrl: "https://attacker.example", companyId: "c1" }) },
    });
    await expect(openConnection(db, newKey, victim.id)).rejects.toThrow(/base URL/);
    // The rotation refuses to launder it.
    await expect(
      resealConnectionSecrets(db, { current: randomBytes(32), previous: [newKey] }),
    ).rejects.toThrow(/connection /);
  });
});
