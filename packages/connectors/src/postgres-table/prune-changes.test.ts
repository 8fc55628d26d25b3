import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PostgresTableConnectionConfig } from "./config";
import { ConnectorError } from "../contract";
import { PostgresTableConnector } from "./connector";
import { createTestDatabase, dropTestDatabase, testPostgresUrl } from "@tandem/db/testing";

const postgres = testPostgresUrl();

describe.skipIf("skipReason" in postgres)(
  `PostgresTableConnector.pruneChangesThrough${"skipReason" in postgres ? ` (skipped: ${postgres.skipReason})` : ""}`,
  () => {
    let databaseUrl: string;
    let sql: pg.Client;
    let connector: PostgresTableConnector;

    beforeAll(async () => {
      if (!("url" in postgres)) return;
      databaseUrl = await createTestDatabase(postgres.url);
      sql = new pg.Client({ connectionString: databaseUrl });
      await sql.connect();
      await sql.query(`CREATE TABLE staff (id serial PRIMARY KEY, first text, last text)`);
      connector = new PostgresTableConnector(
        PostgresTableConnectionConfig.parse({
          kind: "postgres-table",
          connectionString: databaseUrl,
          table: "staff",
          idColumn: "id",
          columns: { firstName: "first", lastName: "last" },
        }),
        { allowPrivateNetwork: true },
      );
      await connector.installChangeCapture();
    });

    afterAll(async () => {
      await connector?.close();
      await sql?.end();
      if ("url" in postgres && databaseUrl) await dropTestDatabase(postgres.url, databaseUrl);
    });

    async function changeCount(): Promise<number> {
      const result = await sql.query<{ count: string }>(
        "SELECT count(*) AS count FROM tandem_staff_changes",
      );
      return Number(result.rows[0]?.count);
    }

    it("deletes consumed changes only, and reading resumes after them", async () => {
      await sql.query(`INSERT INTO staff (first, last) VALUES ('Ada', 'L'), ('Alan', 'T')`);
      await sql.query(`UPDATE staff SET last = 'Lovelace' WHERE first = 'Ada'`);
      const consumed = await connector.readChangesSince(null, 2);
      expect(consumed.events.map((event) => event.action)).toEqual(["created", "created"]);

      expect(await connector.pruneChangesThrough(consumed.cursor)).toBe(2);
      expect(await changeCount()).toBe(1);

      const rest = await connector.readChangesSince(consumed.cursor);
      expect(rest.events.map((event) => event.action)).toEqual(["updated"]);
      const fromStart = await connector.readChangesSince(null);
      expect(fromStart.events.map((event) => event.deliveryId)).toEqual(
        rest.events.map((event) => event.deliveryId),
      );

      expect(await connector.pruneChangesThrough(consumed.cursor)).toBe(0);
      expect(await connector.pruneChangesThrough(rest.cursor)).toBe(1);
      expect(await changeCount()).toBe(0);
      expect(await connector.pruneChangesThrough(null)).toBe(0);
    });

    it("refuses a cursor it did not issue, deleting nothing", async () => {
      await sql.query(`INSERT INTO staff (first, last) VALUES ('Grace', 'H')`);
      await expect(connector.pruneChangesThrough("everything")).rejects.toThrow(ConnectorError);
      expect(await changeCount()).toBe(1);
    });
  },
);
