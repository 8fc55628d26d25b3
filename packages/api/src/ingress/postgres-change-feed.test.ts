import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDelivery } from "@tandem/db";
import { createTestDatabase, testDatabases, testPostgresUrl } from "@tandem/db/testing";
import { changeFeedWorkflowId } from "@tandem/sync-core";
import {
  STAFF_TABLE_SETTINGS,
  STAFF_TABLE_SQL,
  editInVendor,
  eventually,
  staffTableMapping,
  startSyncHarness,
  testSecretKey,
  type SyncHarness,
} from "../testing/sync-harness";
import { useTestTemporal } from "../testing/use-test-temporal";

// The vendor table lives on a real PostgreSQL whichever database the app runs on.
const vendorPostgres = testPostgresUrl();

const temporal = useTestTemporal();

describe.skipIf(!("url" in vendorPostgres)).each(testDatabases())(
  "the PostgreSQL table's change feed, app database on $name",
  (database) => {
    let harness: SyncHarness;
    let sql: pg.Client;
    let tableUrl: string;

    beforeAll(async () => {
      if (!("url" in vendorPostgres)) return;
      tableUrl = await createTestDatabase(vendorPostgres.url);
      sql = new pg.Client({ connectionString: tableUrl });
      await sql.connect();
      await sql.query(STAFF_TABLE_SQL);
      harness = await startSyncHarness({
        databaseUrl: await database.create(),
        env: temporal.env,
        workflowBundle: temporal.workflowBundle,
        seedEmployees: 0,
        mapping: staffTableMapping,
        // Short reads and a prune every second, so the test sees both within seconds.
        engine: { changeFeed: { runMs: 1_500, pruneEveryMs: 1_000 } },
        payrollTable: {
          connectionString: tableUrl,
          settings: STAFF_TABLE_SETTINGS,
        },
      });
    }, 60_000);
    afterAll(async () => {
      await harness?.close();
      await sql?.end();
    });

    const feedRef = () => ({
      workspaceId: harness.workspaceId,
      connectionId: harness.connectionIds.payroll,
    });

    async function inHris(email: string) {
      const found = (await harness.entities.hris.findByField?.("workEmail", email)) ?? [];
      expect(found).toHaveLength(1);
      return found[0]?.fields ?? {};
    }

    async function changeSeqs(): Promise<number[]> {
      const result = await sql.query<{ seq: string }>(
        "SELECT seq::text AS seq FROM tandem_staff_changes ORDER BY seq",
      );
      return result.rows.map((row) => Number(row.seq));
    }

    /** The sequence numbers of the changes the inbox holds for the table's connection. */
    async function inboxSeqs(): Promise<number[]> {
      const rows = await harness.db.webhookEvent.findMany({
        where: { workspaceId: harness.workspaceId, connectionId: harness.connectionIds.payroll },
        select: { deliveryId: true },
      });
      return rows.map((row) => Number(row.deliveryId.split(":")[1])).sort((a, b) => a - b);
    }

    /** The last sequence number handed out: how many changes were captured (none rolled back). */
    async function lastSeq(): Promise<number> {
      const result = await sql.query<{ seq: string | null }>(
        `SELECT pg_sequence_last_value(pg_get_serial_sequence('tandem_staff_changes', 'seq'))::text AS seq`,
      );
      return Number(result.rows[0]?.seq ?? 0);
    }

    it("carries a row created and then updated in the table to BambooHR through the plan", async () => {
      expect(await harness.startChangeFeeds()).toBe(1);
      // Capture is installed by the feed's reader; changes before it are the backfill's job.
      await eventually(() => sql.query("SELECT 1 FROM tandem_staff_changes LIMIT 0"));
      const email = `ada-${randomUUID()}@acme.test`;
      await sql.query(
        `INSERT INTO staff (given_name, family_name, email, title) VALUES ('Ada', 'Lovelace', $1, 'Analyst')`,
        [email],
      );
      await eventually(async () => expect((await inHris(email)).jobTitle).toBe("Analyst"));

      // An update whose transaction commits after a later one's: a reader that followed the
      // sequence alone would move past it when the later one is announced, and lose it.
      const early = new pg.Client({ connectionString: tableUrl });
      await early.connect();
      try {
        await early.query("BEGIN");
        await early.query(`UPDATE staff SET title = 'Chief Analyst' WHERE email = $1`, [email]);
        const alan = `alan-${randomUUID()}@acme.test`;
        await sql.query(
          `INSERT INTO staff (given_name, family_name, email, title) VALUES ('Alan', 'Turing', $1, 'Cryptanalyst')`,
          [alan],
        );
        await early.query("COMMIT");
        await eventually(async () => expect((await inHris(alan)).lastName).toBe("Turing"));
      } finally {
        await early.end();
      }
      const ada = await eventually(async () => {
        const fields = await inHris(email);
        expect(fields.jobTitle).toBe("Chief Analyst");
        return fields;
      });
      expect(ada).toMatchObject({ firstName: "Ada", lastName: "Lovelace", workEmail: email });
      await harness.quiescent();
      // The inbox keeps each change as read, sealed, as it keeps a webhook's delivery.
      const [kept] = await harness.db.webhookEvent.findMany({
        where: { workspaceId: harness.workspaceId, connectionId: harness.connectionIds.payroll },
        orderBy: { receivedAt: "asc" },
        take: 1,
      });
      if (!kept?.rawSealed) throw new Error("the first change was not kept");
      const raw = openDelivery(testSecretKey, kept.rawSealed, {
        workspaceId: harness.workspaceId,
        connectionId: harness.connectionIds.payroll,
        inboxId: kept.id,
      });
      expect(JSON.parse(raw.body)).toMatchObject({
        action: "created",
        deliveryId: kept.deliveryId,
      });
    });

    it("writes a BambooHR change into the table, and its captured echo ends suppressed", async () => {
      const email = await sql
        .query<{ email: string }>("SELECT email FROM staff WHERE given_name = 'Ada'")
        .then((result) => result.rows[0]?.email ?? "");
      const [employee] = (await harness.entities.hris.findByField?.("workEmail", email)) ?? [];
      if (!employee) throw new Error("Ada is not in BambooHR");
      const before = await lastSeq();
      await editInVendor(harness.hris, employee.id, { jobTitle: "Countess" });
      await eventually(async () => {
        const row = await sql.query<{ title: string; row_version: number }>(
          "SELECT title, row_version FROM staff WHERE email = $1",
          [email],
        );
        expect(row.rows[0]?.title).toBe("Countess");
      });
      // The table's trigger captured Tandem's own write; the feed stores it like any change.
      await eventually(async () => {
        const echoes = await harness.db.syncEvent.findMany({
          where: {
            workspaceId: harness.workspaceId,
            side: "b",
            deliveryId: { endsWith: `:${before + 1}` },
          },
          select: { status: true },
        });
        expect(echoes).toEqual([{ status: "suppressed" }]);
      });
      await harness.quiescent();
    });

    it("loses and repeats nothing across a worker stop, and prunes only consumed changes", async () => {
      const adaEmail = await sql
        .query<{ email: string }>("SELECT email FROM staff WHERE given_name = 'Ada'")
        .then((result) => result.rows[0]?.email ?? "");
      // Everything so far is stored, so the scheduled prune empties the changes table.
      await eventually(async () => {
        expect(await inboxSeqs()).toHaveLength(await lastSeq());
        expect(await changeSeqs()).toEqual([]);
      }, 30_000);
      await harness.stopWorker();
      const consumedThrough = await lastSeq();

      const graceEmail = `grace-${randomUUID()}@acme.test`;
      await sql.query(`UPDATE staff SET family_name = 'King' WHERE email = $1`, [adaEmail]);
      await sql.query(
        `INSERT INTO staff (given_name, family_name, email, title) VALUES ('Grace', 'Hopper', $1, 'Engineer')`,
        [graceEmail],
      );
      // Two changes in one transaction.
      await sql.query("BEGIN");
      await sql.query(`UPDATE staff SET title = 'Rear Admiral' WHERE email = $1`, [graceEmail]);
      await sql.query(`UPDATE staff SET title = 'Commodore' WHERE email = $1`, [graceEmail]);
      await sql.query("COMMIT");
      const whileStopped = await changeSeqs();
      expect(whileStopped).toHaveLength(4);
      expect(whileStopped.every((seq) => seq > consumedThrough)).toBe(true);

      // A prune now (what the schedule runs) keeps every change not yet stored in the inbox.
      expect(await harness.pruneChangeFeed()).toBe(0);
      expect(await changeSeqs()).toEqual(whileStopped);
      expect(await inboxSeqs()).toHaveLength(consumedThrough);

      await harness.startWorker();
      await eventually(async () => {
        expect(await inHris(adaEmail)).toMatchObject({ lastName: "King" });
        expect(await inHris(graceEmail)).toMatchObject({
          firstName: "Grace",
          lastName: "Hopper",
          jobTitle: "Commodore",
        });
      }, 60_000);
      await harness.quiescent();

      // Every captured change reached the inbox exactly once (Tandem's own writes to the table,
      // if any, are captured too), each queued once for the sync, and each was settled.
      const total = await lastSeq();
      expect(await inboxSeqs()).toEqual(Array.from({ length: total }, (_, index) => index + 1));
      const queued = await harness.db.syncEvent.findMany({
        where: { workspaceId: harness.workspaceId, syncId: harness.syncId, side: "b" },
        select: { deliveryId: true, status: true },
      });
      expect(new Set(queued.map((event) => event.deliveryId)).size).toBe(total);
      expect(queued).toHaveLength(total);
      expect(queued.every((event) => event.status !== "pending")).toBe(true);
      // Grace was created in BambooHR once, whatever the restart repeated.
      expect(await harness.entities.hris.findByField?.("workEmail", graceEmail)).toHaveLength(1);
      // And the schedule prunes what is now consumed.
      await eventually(async () => expect(await changeSeqs()).toEqual([]), 30_000);
    });

    it("stops once no live sync uses the connection", async () => {
      await harness.db.mapping.updateMany({
        where: { workspaceId: harness.workspaceId, syncId: harness.syncId },
        data: { publishedHash: null },
      });
      const result: unknown = await temporal.env.client.workflow
        .getHandle(changeFeedWorkflowId(feedRef()))
        .result();
      expect(result).toMatchObject({ pumps: expect.any(Number) as number });
      expect(await harness.startChangeFeeds()).toBe(0);
    });
  },
);
