import type pg from "pg";
import { ConnectorError } from "../contract";
import type { EntityPage, EntityRecord, EntityWriteOptions, SyncEntity } from "../sync-entity";
import type { PostgresRow } from "./normalize";
import { quoteIdentifier, type PostgresColumnMapping } from "./table-settings";

/** What the entity needs of its connector: the pool, transactions and the idempotency keys. */
export interface PostgresTableAccess {
  query<Row extends pg.QueryResultRow>(
    what: string,
    text: string,
    values: unknown[],
  ): Promise<pg.QueryResult<Row>>;
  transaction<T>(what: string, work: (client: pg.PoolClient) => Promise<T>): Promise<T>;
  claimIdempotencyKey(client: pg.PoolClient, key: string): Promise<string | null>;
  recordIdempotencyKey(client: pg.PoolClient, key: string, externalId: string): Promise<void>;
}

export interface PostgresTableShape {
  /** For messages: "PostgreSQL "hr"."people"". */
  target: string;
  /** Qualified and quoted. */
  table: string;
  idColumn: string;
  mappings: readonly PostgresColumnMapping[];
  version?: { column: string; onWrite: "increment" | "now" | "database" } | undefined;
  pageSize: number;
}

function permanent(message: string, status?: number): ConnectorError {
  return new ConnectorError(message, "permanent", status === undefined ? {} : { status });
}

/**
 * A PostgreSQL table's rows for the plan-driven engine. Field ids are the column names of the
 * connection's column map (the id and version columns are read too, never written); every
 * value is read as text (empty text reads as null) and written as a text parameter that
 * PostgreSQL casts to the column's type. A write with the `version` read is conditional on
 * it (`stale` when the row moved); a retry with the same idempotency key writes nothing.
 */
export class PostgresTableEntity implements SyncEntity {
  readonly entity = "employee";
  private readonly id: string;
  private readonly columns: string[];
  private readonly writable: Set<string>;
  private readonly selectList: string;

  constructor(
    private readonly shape: PostgresTableShape,
    private readonly access: PostgresTableAccess,
  ) {
    this.id = quoteIdentifier(shape.idColumn);
    this.columns = shape.mappings.map((mapping) => mapping.column);
    this.writable = new Set(
      shape.mappings.filter((mapping) => !mapping.readOnly).map((mapping) => mapping.column),
    );
    const selected = [shape.idColumn, ...this.columns];
    if (shape.version) selected.push(shape.version.column);
    this.selectList = [...new Set(selected)]
      .map((column) => `${quoteIdentifier(column)}::text AS ${quoteIdentifier(column)}`)
      .join(", ");
  }

  /** An id the id column's type cannot hold (`abc` for an integer) names no row. */
  async read(id: string): Promise<EntityRecord | null> {
    try {
      const result = await this.access.query<PostgresRow>(
        `reading row ${id}`,
        `SELECT ${this.selectList} FROM ${this.shape.table} WHERE ${this.id} = $1`,
        [id],
      );
      const [row] = result.rows;
      return row === undefined ? null : this.toRecord(row);
    } catch (error) {
      // invalid_text_representation, as classifyPostgresError names it.
      if (error instanceof ConnectorError && error.message.includes("SQLSTATE 22P02")) return null;
      throw error;
    }
  }

  async list(cursor?: string | null): Promise<EntityPage> {
    const after = cursor ?? null;
    const ordered = `${this.shape.table}.${this.id}`;
    const result = await this.access.query<PostgresRow>(
      "listing rows",
      `SELECT ${this.selectList} FROM ${this.shape.table}
        ${after === null ? "" : `WHERE ${ordered} > $2`} ORDER BY ${ordered} LIMIT $1`,
      after === null ? [this.shape.pageSize + 1] : [this.shape.pageSize + 1, after],
    );
    const rows = result.rows.slice(0, this.shape.pageSize);
    const last = rows.at(-1);
    return {
      items: rows.map((row) => this.toRecord(row)),
      nextCursor:
        result.rows.length > this.shape.pageSize && last !== undefined ? this.idOf(last) : null,
    };
  }

  /** Emails compare case-insensitively; everything else exactly, as text. */
  async findByField(field: string, value: string): Promise<EntityRecord[]> {
    const mapping = this.shape.mappings.find((candidate) => candidate.column === field);
    if (mapping === undefined) throw permanent(`${this.shape.target} has no column "${field}"`);
    const column = `${quoteIdentifier(field)}::text`;
    const fold = /email/i.test(mapping.field);
    const result = await this.access.query<PostgresRow>(
      `finding rows by ${field}`,
      `SELECT ${this.selectList} FROM ${this.shape.table}
        WHERE ${fold ? `lower(${column}) = lower($1)` : `${column} = $1`}
        ORDER BY ${this.shape.table}.${this.id} LIMIT 10`,
      [fold ? value.trim() : value],
    );
    return result.rows.map((row) => this.toRecord(row));
  }

  async create(
    fields: Record<string, unknown>,
    options: EntityWriteOptions,
  ): Promise<EntityRecord> {
    const values = this.columnValues(fields);
    const externalId = await this.access.transaction("creating a row", async (client) => {
      const earlier = await this.access.claimIdempotencyKey(client, options.idempotencyKey);
      if (earlier !== null) return earlier;
      const insert =
        values.length === 0
          ? `INSERT INTO ${this.shape.table} DEFAULT VALUES`
          : `INSERT INTO ${this.shape.table} (${values.map(([column]) => quoteIdentifier(column)).join(", ")})
              VALUES (${values.map((_, index) => `$${index + 1}`).join(", ")})`;
      const result = await client.query<{ id: string }>(
        `${insert} RETURNING ${this.id}::text AS id`,
        values.map(([, value]) => value),
      );
      const id = result.rows[0]?.id;
      if (id === undefined) throw permanent(`${this.shape.target} returned no id for the new row`);
      await this.access.recordIdempotencyKey(client, options.idempotencyKey, id);
      return id;
    });
    const created = await this.read(externalId);
    if (!created) throw permanent(`${this.shape.target} row ${externalId} vanished after create`);
    return created;
  }

  async update(
    id: string,
    patch: Record<string, unknown>,
    options: EntityWriteOptions,
  ): Promise<EntityRecord | null> {
    const values = this.columnValues(patch);
    const version = this.shape.version;
    await this.access.transaction(`updating row ${id}`, async (client) => {
      if ((await this.access.claimIdempotencyKey(client, options.idempotencyKey)) !== null) return;
      const params: (string | null)[] = [id];
      const assignments = values.map(([column, value]) => {
        params.push(value);
        return `${quoteIdentifier(column)} = $${params.length}`;
      });
      if (version?.onWrite === "increment") {
        const column = quoteIdentifier(version.column);
        assignments.push(`${column} = ${column} + 1`);
      }
      if (version?.onWrite === "now")
        assignments.push(`${quoteIdentifier(version.column)} = clock_timestamp()`);
      const conditions = [`${this.id} = $1`];
      if (version !== undefined && options.version !== undefined) {
        params.push(options.version);
        conditions.push(`${quoteIdentifier(version.column)}::text = $${params.length}`);
      }
      const updated =
        values.length === 0
          ? { rowCount: 1 }
          : await client.query(
              `UPDATE ${this.shape.table} SET ${assignments.join(", ")} WHERE ${conditions.join(" AND ")}`,
              params,
            );
      if (updated.rowCount === 0) {
        const exists = await client.query(
          `SELECT 1 FROM ${this.shape.table} WHERE ${this.id} = $1`,
          [id],
        );
        if (exists.rowCount === 0) throw permanent(`${this.shape.target} has no row ${id}`, 404);
        throw new ConnectorError(
          `${this.shape.target} row ${id} changed since version ${options.version ?? "?"}; read it again`,
          "stale",
          { status: 409 },
        );
      }
      await this.access.recordIdempotencyKey(client, options.idempotencyKey, id);
    });
    return this.read(id);
  }

  /** The patch as (column, text value) pairs, every column checked before anything is written. */
  private columnValues(patch: Record<string, unknown>): [string, string | null][] {
    const values: [string, string | null][] = [];
    for (const [column, value] of Object.entries(patch)) {
      if (value === undefined) continue;
      if (!this.writable.has(column)) {
        throw permanent(`${this.shape.target} column "${column}" is not a writable mapped column`);
      }
      if (value === null || typeof value === "string") values.push([column, value]);
      else if (typeof value === "number" || typeof value === "boolean")
        values.push([column, String(value)]);
      else throw permanent(`${this.shape.target} column "${column}" takes text, a number or null`);
    }
    return values;
  }

  private idOf(row: PostgresRow): string {
    const id = row[this.shape.idColumn];
    if (id === null || id === undefined) {
      throw permanent(`${this.shape.target} has a row whose id column is null`);
    }
    return id;
  }

  private toRecord(row: PostgresRow): EntityRecord {
    const fields: Record<string, unknown> = {};
    for (const [column, value] of Object.entries(row))
      fields[column] = value === null || value.trim() === "" ? null : value;
    const version = this.shape.version ? row[this.shape.version.column] : null;
    return {
      id: this.idOf(row),
      fields,
      ...(version === null || version === undefined ? {} : { version }),
      modifiedAt: null,
    };
  }
}
