import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, dropTestDatabase, testPostgresUrl } from "@tandem/db/testing";
import { ConnectorError } from "../contract";
import type { SyncEntity } from "../sync-entity";
import { PostgresTableConnectionConfig } from "./config";
import { PostgresTableConnector } from "./connector";

const postgres = testPostgresUrl();

describe.skipIf("skipReason" in postgres)(
  `PostgresTableEntity against a real PostgreSQL${"skipReason" in postgres ? ` (skipped: ${postgres.skipReason})` : ""}`,
  () => {
    let databaseUrl: string;
    let sql: pg.Client;
    let connector: PostgresTableConnector;
    let entity: SyncEntity;

    beforeAll(async () => {
      if (!("url" in postgres)) return;
      databaseUrl = await createTestDatabase(postgres.url);
      sql = new pg.Client({ connectionString: databaseUrl });
      await sql.connect();
      await sql.query(`CREATE TABLE staff (
        id serial PRIMARY KEY,
        first text NOT NULL,
        last text NOT NULL,
        email text,
        hired date,
        badge integer,
        row_version integer NOT NULL DEFAULT 1
      )`);
      connector = new PostgresTableConnector(
        PostgresTableConnectionConfig.parse({
          kind: "postgres-table",
          connectionString: databaseUrl,
          table: "staff",
          idColumn: "id",
          columns: {
            firstName: "first",
            lastName: "last",
            workEmail: "email",
            startDate: "hired",
            employeeNumber: { column: "badge", readOnly: true },
          },
          version: { column: "row_version", onWrite: "increment" },
        }),
        { allowPrivateNetwork: true, pageSize: 2 },
      );
      await connector.installChangeCapture();
      const found = connector.syncEntity("employee");
      if (!found) throw new Error("no employee entity");
      entity = found;
    });

    afterAll(async () => {
      await connector?.close();
      await sql?.end();
      if ("url" in postgres && databaseUrl) await dropTestDatabase(postgres.url, databaseUrl);
    });

    it("syncs employees only", () => {
      expect(connector.syncEntity("benefit")).toBeNull();
    });

    it("creates once per idempotency key and reads columns as text, empty as null", async () => {
      const fields = {
        first: "Ada",
        last: "Lovelace",
        email: "Ada@Example.com",
        hired: "2024-03-01",
      };
      const created = await entity.create(fields, { idempotencyKey: "create-ada" });
      const again = await entity.create(fields, { idempotencyKey: "create-ada" });
      expect(again.id).toBe(created.id);
      expect(created).toMatchObject({
        fields: { first: "Ada", email: "Ada@Example.com", hired: "2024-03-01", badge: null },
        version: "1",
        modifiedAt: null,
      });
      const count = await sql.query<{ n: string }>("SELECT count(*)::text AS n FROM staff");
      expect(count.rows[0]?.n).toBe("1");
      expect(await entity.read("999999")).toBeNull();
      expect(await entity.read("not-a-number")).toBeNull();
    });

    it("finds by email case-insensitively and by other columns exactly, and pages in id order", async () => {
      await entity.create({ first: "Alan", last: "Turing" }, { idempotencyKey: "create-alan" });
      await entity.create({ first: "Grace", last: "Hopper" }, { idempotencyKey: "create-grace" });
      expect(
        (await entity.findByField?.("email", "ada@example.COM"))?.map((r) => r.fields.first),
      ).toEqual(["Ada"]);
      expect(await entity.findByField?.("first", "ada")).toEqual([]);
      const first = await entity.list();
      expect(first.items.map((record) => record.fields.first)).toEqual(["Ada", "Alan"]);
      const second = await entity.list(first.nextCursor);
      expect(second.items.map((record) => record.fields.first)).toEqual(["Grace"]);
      expect(second.nextCursor).toBeNull();
    });

    it("writes only the patch under the version read, once per key, and says stale when the row moved", async () => {
      const [ada] = (await entity.findByField?.("email", "ada@example.com")) ?? [];
      if (!ada) throw new Error("Ada is missing");
      const written = await entity.update(
        ada.id,
        { last: "Byron" },
        { idempotencyKey: "ada-byron", ...(ada.version ? { version: ada.version } : {}) },
      );
      expect(written).toMatchObject({ fields: { first: "Ada", last: "Byron" }, version: "2" });
      // The same key again writes nothing, even with the version now stale.
      await entity.update(ada.id, { last: "Byron" }, { idempotencyKey: "ada-byron", version: "1" });
      expect((await entity.read(ada.id))?.version).toBe("2");
      await expect(
        entity.update(ada.id, { last: "King" }, { idempotencyKey: "ada-king", version: "1" }),
      ).rejects.toMatchObject({ kind: "stale" });
      expect((await entity.read(ada.id))?.fields.last).toBe("Byron");
    });

    it("refuses read-only, unmapped and id columns before writing anything", async () => {
      const [ada] = (await entity.findByField?.("email", "ada@example.com")) ?? [];
      if (!ada) throw new Error("Ada is missing");
      for (const patch of [{ last: "X", badge: "7" }, { nickname: "A" }, { id: "5" }]) {
        await expect(
          entity.update(ada.id, patch, { idempotencyKey: `refused-${JSON.stringify(patch)}` }),
        ).rejects.toThrow(ConnectorError);
      }
      expect((await entity.read(ada.id))?.fields.last).toBe("Byron");
    });
  },
);
