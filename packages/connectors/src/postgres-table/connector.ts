import { createHash } from "node:crypto";
import type { Employee } from "@tandem/hr-model";
import pg from "pg";
import type { PostgresTableConnectionConfig } from "./config";
import type { ConnectorDescription } from "../connector-description";
import type { ConnectorOptions } from "../connector-options";
import {
  ConnectorError,
  type ChangeBatch,
  type ChangeEvent,
  type ChangeFeedConnector,
  type ChangeListener,
  type ChangeWatch,
  type EmployeePage,
  type ExternalEmployee,
  type WatchChangesOptions,
  type WebhookVerification,
} from "../contract";
import type { SyncEntity } from "../sync-entity";
import {
  changeCaptureNames,
  changeCaptureSql,
  qualified,
  type ChangeCaptureNames,
} from "./change-capture";
import { classifyPostgresError } from "./classify-postgres-error";
import { assertAllowedConnectionString, checkedPostgresSocket } from "./connection-string";
import { columnMappings, quoteIdentifier, type PostgresColumnMapping } from "./table-settings";
import { describePostgresTable } from "./describe";
import { PostgresTableEntity } from "./table-entity";
import { employeeToColumns, rowToEmployee, type PostgresRow } from "./normalize";

const DEFAULT_PAGE_SIZE = 100;
const DEFAULT_TIMEOUT_MS = 15_000;
const DEFAULT_CHANGE_BATCH = 500;
/** How soon a watch re-reads when changes wait behind a still-open older transaction. */
const PENDING_RECHECK_MS = 100;

interface ChangeRow {
  seq: string;
  xid: string;
  external_id: string;
  action: ChangeEvent["action"];
  changed_at: Date;
  table_oid: string;
  settled: boolean;
}

interface SettledChange {
  event: ChangeEvent;
  cursor: string;
}

/** Orders cursors as the feed does: by transaction id, then sequence number. */
function cursorKey(cursor: string | null): [bigint, bigint] {
  const [xid, seq] = parseChangeCursor(cursor);
  return [BigInt(xid), BigInt(seq)];
}

function parseChangeCursor(cursor: string | null): [xid: string, seq: string] {
  if (cursor === null) return ["0", "0"];
  const match = /^(\d{1,20}):(\d{1,20})$/.exec(cursor);
  if (!match?.[1] || !match[2]) {
    throw new ConnectorError(
      `PostgreSQL change cursor ${JSON.stringify(cursor)} is not one this connector issued`,
      "permanent",
    );
  }
  return [match[1], match[2]];
}

/**
 * A PostgreSQL table of employees as a system. Reads and writes go through the configured
 * column map; every mapped column is read as text and written as a text parameter that
 * PostgreSQL casts to the column's type. Changes made by anyone (Tandem or another
 * application) are captured by a trigger into `tandem_<table>_changes` and announced with
 * NOTIFY; see `installChangeCapture`, `readChangesSince` and `watchChanges`.
 */
export class PostgresTableConnector implements ChangeFeedConnector {
  readonly kind = "postgres-table" as const;
  readonly syncedFields: readonly (keyof Employee)[];
  private readonly pool: pg.Pool;
  private readonly clientConfig: pg.ClientConfig;
  private readonly mappings: PostgresColumnMapping[];
  private readonly names: ChangeCaptureNames;
  private readonly pageSize: number;
  /** Names the table in messages; never the connection string. */
  private readonly target: string;
  private readonly table: string;
  private readonly id: string;
  /** Table-qualified: a bare name in ORDER BY would mean the text-cast output column. */
  private readonly orderBy: string;
  private readonly selectList: string;
  readonly changeSource: string;

  constructor(
    private readonly config: PostgresTableConnectionConfig,
    options: ConnectorOptions,
  ) {
    assertAllowedConnectionString(config.connectionString, options);
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.clientConfig = {
      connectionString: config.connectionString,
      connectionTimeoutMillis: timeoutMs,
      statement_timeout: timeoutMs,
      application_name: "tandem",
      // Dates are read as text; pin their format regardless of the server's default.
      options: "-c DateStyle=ISO",
      ...(options.allowPrivateNetwork ? {} : { stream: checkedPostgresSocket() }),
    };
    this.pool = new pg.Pool({ ...this.clientConfig, max: 5 });
    // An idle connection that drops is discarded by the pool; the next query reports it.
    this.pool.on("error", () => undefined);
    this.mappings = columnMappings(config.columns);
    this.syncedFields = this.mappings
      .filter((mapping) => !mapping.readOnly)
      .map((mapping) => mapping.field);
    this.names = changeCaptureNames(config.schema, config.table, config.idColumn);
    this.pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
    this.table = qualified(config.schema, config.table);
    this.target = `PostgreSQL ${this.table}`;
    this.id = quoteIdentifier(config.idColumn);
    this.orderBy = `${this.table}.${this.id}`;
    const selected = [config.idColumn, ...this.mappings.map((mapping) => mapping.column)];
    if (config.version) selected.push(config.version.column);
    this.selectList = selected
      .map((column) => `${quoteIdentifier(column)}::text AS ${quoteIdentifier(column)}`)
      .join(", ");
    this.changeSource = changeSourceOf(config.connectionString, this.names);
  }

  /** Closes the connection pool; watches have their own connection and `close()`. */
  async close(): Promise<void> {
    await this.pool.end();
  }

  describe(): ConnectorDescription {
    return describePostgresTable(this.config);
  }

  verifyWebhook(): WebhookVerification {
    return {
      ok: false,
      reason: "postgres-table connections deliver changes through LISTEN/NOTIFY, not webhooks",
    };
  }

  /**
   * Creates (or brings up to date) the changes table, the idempotency-keys table, the capture
   * function and its trigger. Idempotent: safe on every start. Needs the privilege to create
   * objects in the table's schema and a trigger on the table (its owner has both).
   */
  async installChangeCapture(): Promise<void> {
    await this.transaction("installing change capture", async (client) => {
      for (const statement of changeCaptureSql(this.names)) await client.query(statement);
    });
  }

  /** The table's rows as the plan-driven engine reads them: field ids are column names. */
  syncEntity(entity: string): SyncEntity | null {
    if (entity !== "employee") return null;
    return new PostgresTableEntity(
      {
        target: this.target,
        table: this.table,
        idColumn: this.config.idColumn,
        mappings: this.mappings,
        version: this.config.version,
        pageSize: this.pageSize,
      },
      {
        query: (what, text, values) => this.query(what, text, values),
        transaction: (what, work) => this.transaction(what, work),
        claimIdempotencyKey: (client, key) => this.claimIdempotencyKey(client, key),
        recordIdempotencyKey: (client, key, id) => this.recordIdempotencyKey(client, key, id),
      },
    );
  }

  /**
   * Installs change capture unless its trigger and changes table exist. Reinstalling drops
   * and creates the trigger, which locks the table against writes; a reader that starts every
   * minute must not do that each time.
   */
  async ensureChangeCapture(): Promise<void> {
    const result = await this.query<{ installed: boolean }>(
      "checking change capture",
      `SELECT to_regclass($3) IS NOT NULL AND EXISTS (
         SELECT 1 FROM pg_trigger WHERE tgrelid = to_regclass($1) AND tgname = $2
       ) AS installed`,
      [
        this.table,
        this.names.captureFunction,
        qualified(this.names.schema, this.names.changesTable),
      ],
    );
    if (result.rows[0]?.installed !== true) await this.installChangeCapture();
  }

  /** Keyset paging in id order: the cursor is the last id of the previous page. */
  async listEmployees(cursor?: string | null): Promise<EmployeePage> {
    const after = cursor ?? null;
    const where = after === null ? "" : `WHERE ${this.id} > $2`;
    const result = await this.query<PostgresRow>(
      "listing rows",
      `SELECT ${this.selectList} FROM ${this.table} ${where} ORDER BY ${this.orderBy} LIMIT $1`,
      after === null ? [this.pageSize + 1] : [this.pageSize + 1, after],
    );
    const rows = result.rows.slice(0, this.pageSize);
    const last = rows.at(-1);
    const hasMore = result.rows.length > this.pageSize && last !== undefined;
    return {
      items: rows.map((row) => this.toExternalEmployee(row)),
      nextCursor: hasMore ? this.idOf(last) : null,
    };
  }

  async getEmployee(externalId: string): Promise<ExternalEmployee | null> {
    const row = await this.readRow(this.pool, externalId);
    return row === null ? null : this.toExternalEmployee(row);
  }

  /** Case-insensitive match on the mapped work-email column; null when none is mapped. */
  async findEmployeeByWorkEmail(email: string): Promise<ExternalEmployee | null> {
    const mapping = this.mappings.find((candidate) => candidate.field === "workEmail");
    if (mapping === undefined) return null;
    const column = quoteIdentifier(mapping.column);
    const result = await this.query<PostgresRow>(
      "finding a row by work email",
      `SELECT ${this.selectList} FROM ${this.table}
        WHERE lower(${column}::text) = lower($1) ORDER BY ${this.orderBy} LIMIT 1`,
      [email.trim()],
    );
    const [row] = result.rows;
    return row === undefined ? null : this.toExternalEmployee(row);
  }

  /**
   * INSERT … RETURNING the id, in one transaction with the idempotency key: a retry with the
   * same key (even one racing the first) returns the row the first attempt created.
   */
  async createEmployee(
    employee: Employee,
    idempotencyKey: string,
  ): Promise<{ externalId: string }> {
    const values = employeeToColumns(this.mappings, employee, this.table);
    return this.transaction("creating a row", async (client) => {
      const earlier = await this.claimIdempotencyKey(client, idempotencyKey);
      if (earlier !== null) return { externalId: earlier };
      const insert =
        values.length === 0
          ? `INSERT INTO ${this.table} DEFAULT VALUES`
          : `INSERT INTO ${this.table} (${values.map((value) => quoteIdentifier(value.column)).join(", ")})
              VALUES (${values.map((_, index) => `$${index + 1}`).join(", ")})`;
      const result = await client.query<{ id: string }>(
        `${insert} RETURNING ${this.id}::text AS id`,
        values.map((value) => value.value),
      );
      const externalId = result.rows[0]?.id;
      if (externalId === undefined) {
        throw new ConnectorError(`${this.target} returned no id for the new row`, "permanent");
      }
      await this.recordIdempotencyKey(client, idempotencyKey, externalId);
      return { externalId };
    });
  }

  /**
   * Writes the mapped, writable columns the employee carries. With a configured version
   * column the write moves the version (unless the table does), and `expectedVersion` (the
   * `version` of the record the caller read) makes it conditional: a row changed since then
   * is a retryable ConnectorError with status 409. Without a version column, or without
   * `expectedVersion`, the last write wins. A write that changes nothing leaves the row, its
   * version and the change feed alone. A retry with the same idempotency key does nothing.
   */
  async updateEmployee(
    externalId: string,
    employee: Employee,
    idempotencyKey: string,
    options: { expectedVersion?: string } = {},
  ): Promise<void> {
    const values = employeeToColumns(this.mappings, employee, this.table);
    const version = this.config.version;
    if (options.expectedVersion !== undefined && version === undefined) {
      throw new ConnectorError(
        `${this.target} has no version column configured, so it cannot check expectedVersion`,
        "permanent",
      );
    }
    await this.transaction(`updating row ${externalId}`, async (client) => {
      if ((await this.claimIdempotencyKey(client, idempotencyKey)) !== null) return;
      const params: (string | null)[] = [externalId];
      const assignments = values.map((value) => {
        params.push(value.value);
        return `${quoteIdentifier(value.column)} = $${params.length}`;
      });
      const conditions = [`${this.id} = $1`];
      if (values.length > 0) {
        const current = values.map((value) => `${quoteIdentifier(value.column)}::text`);
        const wanted = values.map((value) => {
          params.push(value.value);
          return `$${params.length}::text`;
        });
        conditions.push(`ROW(${current.join(", ")}) IS DISTINCT FROM ROW(${wanted.join(", ")})`);
      }
      if (version !== undefined) {
        const column = quoteIdentifier(version.column);
        if (version.onWrite === "increment") assignments.push(`${column} = ${column} + 1`);
        if (version.onWrite === "now") assignments.push(`${column} = clock_timestamp()`);
        if (options.expectedVersion !== undefined) {
          params.push(options.expectedVersion);
          conditions.push(`${column}::text = $${params.length}`);
        }
      }
      const updated =
        assignments.length === 0
          ? { rowCount: 0 }
          : await client.query(
              `UPDATE ${this.table} SET ${assignments.join(", ")} WHERE ${conditions.join(" AND ")}`,
              params,
            );
      if (updated.rowCount === 0) await this.explainUnchangedRow(client, externalId, options);
      await this.recordIdempotencyKey(client, idempotencyKey, externalId);
    });
  }

  async readChangesSince(
    cursor: string | null,
    limit = DEFAULT_CHANGE_BATCH,
  ): Promise<ChangeBatch> {
    const { changes, pending } = await this.readSettledChanges(cursor, limit);
    return {
      events: changes.map((change) => change.event),
      cursor: changes.at(-1)?.cursor ?? cursor,
      pending,
    };
  }

  /**
   * Deletes the changes up to and including `cursor`, which every consumer must have handled
   * (pass the lowest cursor any consumer has stored). Without it the changes table grows by
   * one row per write forever. Returns how many changes were deleted; reads after `cursor`
   * are unaffected, and a read from null then starts after the pruned ones.
   */
  async pruneChangesThrough(cursor: string | null): Promise<number> {
    if (cursor === null) return 0;
    const [xid, seq] = parseChangeCursor(cursor);
    const result = await this.query(
      "pruning consumed changes",
      `DELETE FROM ${qualified(this.names.schema, this.names.changesTable)}
        WHERE (xid, seq) <= ($1::text::xid8, $2::bigint)`,
      [xid, seq],
    );
    return result.rowCount ?? 0;
  }

  lowestChangeCursor(cursors: readonly (string | null)[]): string | null {
    let lowest: { cursor: string | null; key: [bigint, bigint] } | undefined;
    for (const cursor of cursors) {
      const key = cursorKey(cursor);
      if (
        lowest === undefined ||
        key[0] < lowest.key[0] ||
        (key[0] === lowest.key[0] && key[1] < lowest.key[1])
      )
        lowest = { cursor, key };
    }
    return lowest?.cursor ?? null;
  }

  /**
   * LISTENs on the table's channel on a connection of its own. A notification is a wake-up
   * only (the changes table is the truth); a lost connection is reported once to `onLost`.
   */
  async listenForChanges(
    wake: () => void,
    onLost: (error: unknown) => void,
  ): Promise<ChangeListener> {
    const client = new pg.Client(this.clientConfig);
    let closed = false;
    const lost = (error: unknown) => {
      if (closed) return;
      closed = true;
      onLost(classifyPostgresError(`${this.target} change listener`, error));
    };
    client.on("notification", wake);
    client.on("error", lost);
    client.on("end", () =>
      lost(new ConnectorError(`${this.target} change listener lost its connection`, "retryable")),
    );
    try {
      await client.connect();
      await client.query(`LISTEN ${quoteIdentifier(this.names.channel)}`);
    } catch (error) {
      closed = true;
      await client.end().catch(() => undefined);
      throw classifyPostgresError(`${this.target} listening for changes`, error);
    }
    return {
      close: async () => {
        closed = true;
        await client.end().catch(() => undefined);
      },
    };
  }

  /**
   * LISTENs on the table's channel on a connection of its own, then reads the changes table
   * after every notification (and once at the start, to catch up). The notification is only
   * a wake-up: events always come from the changes table, so a missed or coalesced NOTIFY
   * loses nothing, and only the changes table is read — never the whole employee table.
   */
  async watchChanges(
    onEvent: (event: ChangeEvent, cursor: string | null) => void | Promise<void>,
    options: WatchChangesOptions = {},
  ): Promise<ChangeWatch> {
    const client = new pg.Client(this.clientConfig);
    let cursor = options.cursor ?? null;
    parseChangeCursor(cursor);
    let closed = false;
    let wanted = false;
    let running: Promise<void> | null = null;
    let recheck: NodeJS.Timeout | undefined;

    const stop = async (error?: unknown) => {
      if (closed) return;
      closed = true;
      clearTimeout(recheck);
      if (error !== undefined) options.onError?.(error);
      await client.end().catch(() => undefined);
    };
    const drain = async () => {
      while (wanted && !closed) {
        wanted = false;
        for (;;) {
          const batch = await this.readSettledChanges(cursor, DEFAULT_CHANGE_BATCH);
          for (const change of batch.changes) {
            if (closed) return;
            await onEvent(change.event, change.cursor);
            cursor = change.cursor;
          }
          if (batch.changes.length > 0) continue;
          if (batch.pending && !closed) {
            clearTimeout(recheck);
            recheck = setTimeout(wake, PENDING_RECHECK_MS);
          }
          break;
        }
      }
    };
    const wake = () => {
      wanted = true;
      running ??= drain()
        .catch((error: unknown) => stop(classifyPostgresError(this.target, error)))
        .finally(() => {
          running = null;
          if (wanted && !closed) wake();
        });
    };

    client.on("notification", wake);
    client.on("error", (error) => void stop(classifyPostgresError(this.target, error)));
    client.on("end", () => {
      const lost = new ConnectorError(
        `${this.target} change listener lost its connection`,
        "retryable",
      );
      void stop(lost);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${quoteIdentifier(this.names.channel)}`);
    } catch (error) {
      closed = true;
      await client.end().catch(() => undefined);
      throw classifyPostgresError(`${this.target} listening for changes`, error);
    }
    wake();
    return {
      get cursor() {
        return cursor;
      },
      close: async () => {
        const finishing = running;
        await stop();
        await finishing;
      },
    };
  }

  private async readSettledChanges(
    cursor: string | null,
    limit: number,
  ): Promise<{ changes: SettledChange[]; pending: boolean }> {
    const [afterXid, afterSeq] = parseChangeCursor(cursor);
    const result = await this.query<ChangeRow>(
      "reading changes",
      `SELECT seq::text AS seq, xid::text AS xid, external_id, action, changed_at,
              tableoid::oid::text AS table_oid,
              xid < pg_snapshot_xmin(pg_current_snapshot()) AS settled
         FROM ${qualified(this.names.schema, this.names.changesTable)}
        WHERE (xid, seq) > ($1::text::xid8, $2::bigint)
        ORDER BY xid, seq LIMIT $3`,
      [afterXid, afterSeq, limit],
    );
    const changes: SettledChange[] = [];
    for (const row of result.rows) {
      // Rows come in xid order, so everything after the first unsettled row is unsettled too.
      if (!row.settled) return { changes, pending: true };
      changes.push({
        cursor: `${row.xid}:${row.seq}`,
        event: {
          // The changes table's oid tells a reinstalled table's restarted sequence apart.
          deliveryId: `${row.table_oid}:${row.seq}`,
          derivedDeliveryId: false,
          entity: "employee",
          action: row.action,
          externalId: row.external_id,
          changedAt: row.changed_at.toISOString(),
        },
      });
    }
    return { changes, pending: false };
  }

  /**
   * Claims `key` for this write. Returns null when this transaction owns it now, or the row
   * an earlier write with the key produced. A concurrent claim waits for the first to finish.
   */
  private async claimIdempotencyKey(client: pg.PoolClient, key: string): Promise<string | null> {
    const writes = qualified(this.names.schema, this.names.writesTable);
    const claim = await client.query(
      `INSERT INTO ${writes} (idempotency_key) VALUES ($1) ON CONFLICT DO NOTHING`,
      [key],
    );
    if (claim.rowCount === 1) return null;
    const earlier = await client.query<{ external_id: string | null }>(
      `SELECT external_id FROM ${writes} WHERE idempotency_key = $1`,
      [key],
    );
    return earlier.rows[0]?.external_id ?? null;
  }

  private async recordIdempotencyKey(
    client: pg.PoolClient,
    key: string,
    externalId: string,
  ): Promise<void> {
    await client.query(
      `UPDATE ${qualified(this.names.schema, this.names.writesTable)}
          SET external_id = $2 WHERE idempotency_key = $1`,
      [key, externalId],
    );
  }

  /** After an UPDATE touched no row: missing row, stale version, or nothing to change. */
  private async explainUnchangedRow(
    client: pg.PoolClient,
    externalId: string,
    options: { expectedVersion?: string },
  ): Promise<void> {
    const row = await this.readRow(client, externalId);
    if (row === null) {
      throw new ConnectorError(`${this.target} has no row ${externalId}`, "permanent", {
        status: 404,
      });
    }
    const column = this.config.version?.column;
    const current = column === undefined ? undefined : row[column];
    if (options.expectedVersion !== undefined && current !== options.expectedVersion) {
      throw new ConnectorError(
        `${this.target} row ${externalId} changed since version ${options.expectedVersion} (now ${current ?? "null"}); read it again`,
        "retryable",
        { status: 409 },
      );
    }
  }

  /** An id the id column's type cannot hold (`abc` for an integer) names no row. */
  private async readRow(
    queryable: pg.Pool | pg.PoolClient,
    externalId: string,
  ): Promise<PostgresRow | null> {
    try {
      const result = await queryable.query<PostgresRow>(
        `SELECT ${this.selectList} FROM ${this.table} WHERE ${this.id} = $1`,
        [externalId],
      );
      return result.rows[0] ?? null;
    } catch (error) {
      const code = typeof error === "object" && error !== null && "code" in error && error.code;
      if (code === "22P02") return null;
      throw classifyPostgresError(`${this.target} reading row ${externalId}`, error);
    }
  }

  private async query<Row extends pg.QueryResultRow>(
    what: string,
    text: string,
    values: unknown[],
  ): Promise<pg.QueryResult<Row>> {
    try {
      return await this.pool.query<Row>(text, values);
    } catch (error) {
      throw classifyPostgresError(`${this.target} ${what}`, error);
    }
  }

  private async transaction<T>(
    what: string,
    work: (client: pg.PoolClient) => Promise<T>,
  ): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw classifyPostgresError(`${this.target} ${what}`, error);
    }
    let broken: Error | undefined;
    try {
      await client.query("BEGIN");
      const result = await work(client);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch((rollbackError: unknown) => {
        // A connection that cannot roll back must not go back into the pool.
        broken = rollbackError instanceof Error ? rollbackError : new Error("rollback failed");
      });
      throw classifyPostgresError(`${this.target} ${what}`, error);
    } finally {
      client.release(broken);
    }
  }

  private idOf(row: PostgresRow): string {
    const id = row[this.config.idColumn];
    if (id === null || id === undefined) {
      throw new ConnectorError(
        `${this.target} has a row whose id column ${this.config.idColumn} is null`,
        "permanent",
      );
    }
    return id;
  }

  private toExternalEmployee(row: PostgresRow): ExternalEmployee {
    const externalId = this.idOf(row);
    const version = this.config.version ? row[this.config.version.column] : undefined;
    return {
      externalId,
      employee: rowToEmployee(this.mappings, row, this.table, externalId),
      raw: { ...row },
      ...(version === undefined || version === null ? {} : { version }),
    };
  }
}

/**
 * The changes table's identity without credentials: host, port and database of the
 * connection string, and the table's schema and name, hashed.
 */
function changeSourceOf(connectionString: string, names: ChangeCaptureNames): string {
  let server = connectionString;
  try {
    const url = new URL(connectionString);
    server = `${url.hostname}:${url.port || "5432"}${url.pathname}`;
  } catch {
    // Not a URL (a key=value string): hashed whole, so no secret leaves it either.
  }
  return createHash("sha256")
    .update(`${server}\n${names.schema}.${names.changesTable}`)
    .digest("hex");
}
