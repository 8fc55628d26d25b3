import type { Employee } from "@tandem/hr-model";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PostgresTableConnectionConfig } from "./config";
import { ConnectorError, isChangeFeedConnector, type ChangeEvent } from "../contract";
import { createConnector } from "../registry";
import { PostgresTableConnector } from "./connector";
import { createTestDatabase, testPostgresUrl } from "@tandem/db/testing";

const postgres = testPostgresUrl();

const TABLE_SQL = `
  CREATE SCHEMA hr;
  CREATE TABLE hr.people (
    person_id serial PRIMARY KEY,
    given_name text NOT NULL,
    family_name text NOT NULL,
    email text UNIQUE,
    status_code char(1) NOT NULL DEFAULT 'A' CHECK (status_code IN ('A', 'L', 'T')),
    hired_on date,
    badge integer,
    row_version integer NOT NULL DEFAULT 1
  )`;

function configFor(connectionString: string): PostgresTableConnectionConfig {
  return PostgresTableConnectionConfig.parse({
    kind: "postgres-table",
    connectionString,
    schema: "hr",
    table: "people",
    idColumn: "person_id",
    columns: {
      firstName: "given_name",
      lastName: "family_name",
      workEmail: "email",
      status: { column: "status_code", enum: { A: "active", L: "leave", T: "terminated" } },
      startDate: "hired_on",
      employeeNumber: { column: "badge", readOnly: true },
    },
    version: { column: "row_version", onWrite: "increment" },
  });
}

const ada: Employee = {
  firstName: "Ada",
  lastName: "Lovelace",
  workEmail: "ada@example.com",
  status: "active",
  startDate: "2024-03-01",
};

/** Resolves with the first event `matches` accepts; the watch keeps running. */
function nextEvent(
  events: ChangeEvent[],
  waiters: ((event: ChangeEvent) => boolean)[],
  matches: (event: ChangeEvent) => boolean,
): Promise<ChangeEvent> {
  const seen = events.find(matches);
  if (seen) return Promise.resolve(seen);
  return new Promise((resolve) => {
    waiters.push((event) => {
      if (!matches(event)) return false;
      resolve(event);
      return true;
    });
  });
}

describe.skipIf("skipReason" in postgres)(
  `PostgresTableConnector against a real PostgreSQL${"skipReason" in postgres ? ` (skipped: ${postgres.skipReason})` : ""}`,
  () => {
    let databaseUrl: string;
    let sql: pg.Client;
    let connector: PostgresTableConnector;

    beforeAll(async () => {
      if (!("url" in postgres)) return;
      databaseUrl = await createTestDatabase(postgres.url);
      sql = new pg.Client({ connectionString: databaseUrl });
      await sql.connect();
      await sql.query(TABLE_SQL);
      const created = createConnector(configFor(databaseUrl), {
        allowPrivateNetwork: true,
        pageSize: 7,
      });
      if (!(created instanceof PostgresTableConnector)) throw new Error("wrong connector");
      connector = created;
      await connector.installChangeCapture();
    });

    afterAll(async () => {
      await connector?.close();
      await sql?.end();
    });

    it("is a change-feed connector that refuses webhooks and syncs its writable columns", () => {
      expect(isChangeFeedConnector(connector)).toBe(true);
      expect(connector.verifyWebhook()).toEqual({
        ok: false,
        reason: "postgres-table connections deliver changes through LISTEN/NOTIFY, not webhooks",
      });
      expect(connector.syncedFields).toEqual([
        "firstName",
        "lastName",
        "workEmail",
        "status",
        "startDate",
      ]);
    });

    it("installs change capture idempotently", async () => {
      await connector.installChangeCapture();
      await Promise.all([connector.installChangeCapture(), connector.installChangeCapture()]);
      const triggers = await sql.query(
        `SELECT tgname FROM pg_trigger WHERE tgrelid = 'hr.people'::regclass AND NOT tgisinternal`,
      );
      expect(triggers.rows).toEqual([{ tgname: "tandem_people_capture" }]);
      const tables = await sql.query(
        `SELECT table_name FROM information_schema.tables
          WHERE table_schema = 'hr' ORDER BY table_name`,
      );
      expect(tables.rows.map((row: { table_name: string }) => row.table_name)).toEqual([
        "people",
        "tandem_people_changes",
        "tandem_people_writes",
      ]);
    });

    it("ensures change capture: installs a missing trigger, leaves an installed one unlocked", async () => {
      await sql.query("DROP TRIGGER tandem_people_capture ON hr.people");
      await connector.ensureChangeCapture();
      const triggers = await sql.query(
        `SELECT tgname FROM pg_trigger WHERE tgrelid = 'hr.people'::regclass AND NOT tgisinternal`,
      );
      expect(triggers.rows).toEqual([{ tgname: "tandem_people_capture" }]);
      // A writer's open transaction: reinstalling would wait for it (and block other writers).
      const writer = new pg.Client({ connectionString: databaseUrl });
      await writer.connect();
      try {
        await writer.query("BEGIN");
        await writer.query("LOCK TABLE hr.people IN ROW EXCLUSIVE MODE");
        await connector.ensureChangeCapture();
        await writer.query("ROLLBACK");
      } finally {
        await writer.end();
      }
    });

    it("pages through every row exactly once, in id order", async () => {
      await sql.query(
        `INSERT INTO hr.people (given_name, family_name, email, badge)
         SELECT 'Page', 'Person ' || n, 'page' || n || '@example.com', n FROM generate_series(1, 30) n`,
      );
      const expected = await sql.query<{ person_id: number }>(
        "SELECT person_id FROM hr.people ORDER BY person_id",
      );
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page = await connector.listEmployees(cursor);
        expect(page.items.length).toBeLessThanOrEqual(7);
        seen.push(...page.items.map((item) => item.externalId));
        cursor = page.nextCursor;
        pages++;
      } while (cursor !== null);
      expect(seen).toEqual(expected.rows.map((row) => String(row.person_id)));
      expect(pages).toBe(Math.ceil(expected.rows.length / 7));
      const first = await connector.getEmployee(seen[0] ?? "");
      expect(first?.employee.employeeNumber).toBe("1");
      expect(first?.version).toBe("1");
    });

    it("round-trips create, read, find and update through the normalized model", async () => {
      const { externalId } = await connector.createEmployee(ada, "create-ada");
      const read = await connector.getEmployee(externalId);
      expect(read?.employee).toEqual({
        ...ada,
        preferredName: undefined,
        employeeNumber: null,
      });
      expect(read?.raw).toMatchObject({ given_name: "Ada", status_code: "A" });
      expect((await connector.findEmployeeByWorkEmail("ADA@example.com"))?.externalId).toBe(
        externalId,
      );
      expect(await connector.findEmployeeByWorkEmail("nobody@example.com")).toBeNull();

      await connector.updateEmployee(
        externalId,
        { ...ada, lastName: "King", status: "leave" },
        "update-ada-1",
      );
      const updated = await connector.getEmployee(externalId);
      expect(updated?.employee).toMatchObject({ lastName: "King", status: "leave" });
      expect(updated?.version).toBe("2");
      expect(await connector.getEmployee("999999")).toBeNull();
      expect(await connector.getEmployee("not-a-number")).toBeNull();
    });

    it("returns the first row when a create is retried with the same key, even concurrently", async () => {
      const grace = { ...ada, firstName: "Grace", workEmail: "grace@example.com" };
      const first = await connector.createEmployee(grace, "create-grace");
      const retried = await connector.createEmployee(grace, "create-grace");
      expect(retried).toEqual(first);

      const linus = { ...ada, firstName: "Linus", workEmail: "linus@example.com" };
      const racing = await Promise.all([
        connector.createEmployee(linus, "create-linus"),
        connector.createEmployee(linus, "create-linus"),
        connector.createEmployee(linus, "create-linus"),
      ]);
      expect(new Set(racing.map((result) => result.externalId)).size).toBe(1);
      const count = await sql.query("SELECT count(*)::int AS n FROM hr.people WHERE email = $1", [
        "linus@example.com",
      ]);
      expect(count.rows[0]).toEqual({ n: 1 });
    });

    it("checks the version when the caller passes the one it read; otherwise last write wins", async () => {
      const { externalId } = await connector.createEmployee(
        { ...ada, firstName: "Ken", workEmail: "ken@example.com" },
        "create-ken",
      );
      const read = await connector.getEmployee(externalId);
      const version = read?.version ?? "";
      await sql.query(
        "UPDATE hr.people SET badge = 7, row_version = row_version + 1 WHERE person_id = $1",
        [externalId],
      );
      const stale = connector.updateEmployee(
        externalId,
        { ...ada, firstName: "Kenneth", workEmail: "ken@example.com" },
        "update-ken-stale",
        { expectedVersion: version },
      );
      await expect(stale).rejects.toMatchObject({ kind: "retryable", details: { status: 409 } });

      const fresh = await connector.getEmployee(externalId);
      await connector.updateEmployee(
        externalId,
        { ...ada, firstName: "Kenneth", workEmail: "ken@example.com" },
        "update-ken-fresh",
        { expectedVersion: fresh?.version ?? "" },
      );
      const after = await connector.getEmployee(externalId);
      expect(after?.employee.firstName).toBe("Kenneth");
      expect(Number(after?.version)).toBe(Number(fresh?.version) + 1);

      // Writing what is already there changes nothing, not even the version.
      await connector.updateEmployee(
        externalId,
        { ...ada, firstName: "Kenneth", workEmail: "ken@example.com" },
        "update-ken-same",
      );
      expect((await connector.getEmployee(externalId))?.version).toBe(after?.version);

      await expect(connector.updateEmployee("424242", ada, "update-missing")).rejects.toMatchObject(
        { kind: "permanent", details: { status: 404 } },
      );
    });

    it("delivers a change another application makes with SQL through LISTEN/NOTIFY", async () => {
      const { cursor: start } = await connector.readChangesSince(null, 100_000);
      const events: ChangeEvent[] = [];
      const waiters: ((event: ChangeEvent) => boolean)[] = [];
      const watch = await connector.watchChanges(
        (event) => {
          events.push(event);
          const index = waiters.findIndex((waiter) => waiter(event));
          if (index >= 0) waiters.splice(index, 1);
        },
        { cursor: start },
      );
      try {
        const inserted = await sql.query<{ person_id: number }>(
          `INSERT INTO hr.people (given_name, family_name) VALUES ('Margaret', 'Hamilton')
           RETURNING person_id`,
        );
        const id = String(inserted.rows[0]?.person_id);
        const created = await nextEvent(events, waiters, (event) => event.externalId === id);
        expect(created).toMatchObject({
          entity: "employee",
          action: "created",
          externalId: id,
          derivedDeliveryId: false,
        });
        expect(created.deliveryId).toMatch(/^\d+:\d+$/);
        expect(Number.isNaN(Date.parse(created.changedAt))).toBe(false);

        // A no-op update records nothing; a real one and a delete do.
        await sql.query("UPDATE hr.people SET family_name = family_name WHERE person_id = $1", [
          id,
        ]);
        await sql.query("UPDATE hr.people SET status_code = 'T' WHERE person_id = $1", [id]);
        await sql.query("DELETE FROM hr.people WHERE person_id = $1", [id]);
        const deleted = await nextEvent(
          events,
          waiters,
          (event) => event.externalId === id && event.action === "deleted",
        );
        const forId = events.filter((event) => event.externalId === id);
        expect(forId.map((event) => event.action)).toEqual(["created", "updated", "deleted"]);
        expect(watch.cursor).not.toBe(start);
        expect(deleted.deliveryId).not.toBe(created.deliveryId);
      } finally {
        await watch.close();
      }

      // Re-reading from the same cursor yields the same delivery ids: duplicates, not news.
      const again = await connector.readChangesSince(start, 100_000);
      const ids = again.events.map((event) => event.deliveryId);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toEqual(expect.arrayContaining(events.map((event) => event.deliveryId)));
    });

    it("holds back a change until every older transaction has finished, so none is skipped", async () => {
      const { cursor: start } = await connector.readChangesSince(null, 100_000);
      const slow = new pg.Client({ connectionString: databaseUrl });
      await slow.connect();
      try {
        await slow.query("BEGIN");
        const early = await slow.query<{ person_id: number }>(
          `INSERT INTO hr.people (given_name, family_name) VALUES ('Early', 'Writer') RETURNING person_id`,
        );
        const late = await sql.query<{ person_id: number }>(
          `INSERT INTO hr.people (given_name, family_name) VALUES ('Late', 'Writer') RETURNING person_id`,
        );
        const held = await connector.readChangesSince(start);
        expect(held).toEqual({ events: [], cursor: start, pending: true });

        await slow.query("COMMIT");
        const released = await connector.readChangesSince(start);
        expect(released.pending).toBe(false);
        expect(released.events.map((event) => event.externalId)).toEqual([
          String(early.rows[0]?.person_id),
          String(late.rows[0]?.person_id),
        ]);
      } finally {
        await slow.end();
      }
    });

    it("captures writes by a role without privileges on Tandem's tables", async () => {
      const role = `tandem_app_${Date.now()}`;
      await sql.query(`CREATE ROLE ${role}`);
      try {
        await sql.query(`GRANT USAGE ON SCHEMA hr TO ${role}`);
        await sql.query(`GRANT INSERT, SELECT ON hr.people TO ${role}`);
        await sql.query(`GRANT USAGE ON SEQUENCE hr.people_person_id_seq TO ${role}`);
        const before = await connector.readChangesSince(null, 100_000);
        await sql.query("BEGIN");
        await sql.query(`SET LOCAL ROLE ${role}`);
        await sql.query(`INSERT INTO hr.people (given_name, family_name) VALUES ('Role', 'Less')`);
        await sql.query("COMMIT");
        const after = await connector.readChangesSince(before.cursor);
        expect(after.events.map((event) => event.action)).toEqual(["created"]);
      } finally {
        await sql.query("ROLLBACK").catch(() => undefined);
        await sql.query(`DROP OWNED BY ${role}`);
        await sql.query(`DROP ROLE ${role}`);
      }
    });

    it("classifies a unique violation as permanent, with the database's message", async () => {
      const duplicate = connector.createEmployee(
        { ...ada, firstName: "Dupe" },
        "create-duplicate-email",
      );
      await expect(duplicate).rejects.toBeInstanceOf(ConnectorError);
      const error = (await duplicate.catch((caught: unknown) => caught)) as ConnectorError;
      expect(error.kind).toBe("permanent");
      expect(error.message).toContain("23505");
      expect(error.message).toContain("duplicate key value violates unique constraint");
      expect(error.message).not.toContain(databaseUrl);
      // DETAIL quotes the row's values; it stays out of errors.
      expect(error.message).not.toContain("ada@example.com");

      const retried = await connector.createEmployee(
        { ...ada, firstName: "Dupe", workEmail: "dupe@example.com" },
        "create-duplicate-email",
      );
      expect(await connector.getEmployee(retried.externalId)).not.toBeNull();
    });

    it("reports a value the model refuses as a permanent error naming the column", async () => {
      const bad = await sql.query<{ person_id: number }>(
        `INSERT INTO hr.people (given_name, family_name, email) VALUES ('Bad', 'Email', 'not-an-email')
         RETURNING person_id`,
      );
      const id = String(bad.rows[0]?.person_id);
      await expect(connector.getEmployee(id)).rejects.toThrow(
        new RegExp(`row ${id}: column email \\(workEmail\\)`),
      );
      await sql.query("DELETE FROM hr.people WHERE person_id = $1", [id]);
    });
  },
);

describe("PostgresTableConnector without a reachable server", () => {
  it("classifies a refused connection as retryable and never echoes the connection string", async () => {
    const connectionString = "postgresql://tandem:s3cret-pw@127.0.0.1:1/nowhere";
    const connector = new PostgresTableConnector(configFor(connectionString), {
      allowPrivateNetwork: true,
      timeoutMs: 2_000,
    });
    try {
      const failure = await connector.getEmployee("1").catch((caught: unknown) => caught);
      expect(failure).toBeInstanceOf(ConnectorError);
      expect(failure).toMatchObject({ kind: "retryable" });
      expect((failure as ConnectorError).message).toContain("ECONNREFUSED");
      expect((failure as ConnectorError).message).not.toContain("s3cret-pw");
      const watching = await connector
        .watchChanges(() => undefined)
        .catch((caught: unknown) => caught);
      expect(watching).toMatchObject({ kind: "retryable" });
    } finally {
      await connector.close();
    }
  });
});
