import { quoteIdentifier } from "./table-settings";

/** The database objects Tandem adds next to a captured table, all in the table's schema. */
export interface ChangeCaptureNames {
  schema: string;
  table: string;
  idColumn: string;
  /** One row per captured insert, update or delete. */
  changesTable: string;
  /** Idempotency keys of Tandem's own writes → the row they wrote. */
  writesTable: string;
  /** The trigger function and the trigger share this name. */
  captureFunction: string;
  /** NOTIFY channel; the payload is the change's sequence number, a wake-up call only. */
  channel: string;
}

export function changeCaptureNames(
  schema: string,
  table: string,
  idColumn: string,
): ChangeCaptureNames {
  return {
    schema,
    table,
    idColumn,
    changesTable: `tandem_${table}_changes`,
    writesTable: `tandem_${table}_writes`,
    captureFunction: `tandem_${table}_capture`,
    channel: `tandem_${table}_changes`,
  };
}

/** `"schema"."name"`, both parts validated. */
export function qualified(schema: string, name: string): string {
  return `${quoteIdentifier(schema)}.${quoteIdentifier(name)}`;
}

/**
 * The DDL that installs change capture, safe to run any number of times (one transaction,
 * serialized by an advisory lock on the changes table's name).
 *
 * - The changes table records each change's transaction id (`xid8`) next to its sequence
 *   number. Sequence numbers are handed out in call order but committed in commit order, so a
 *   reader that only followed `seq` would skip a change whose transaction committed late. The
 *   reader instead follows (xid, seq) and only takes changes of transactions older than every
 *   transaction still running (`pg_snapshot_xmin`), which can no longer be joined by an
 *   earlier one. PostgreSQL 13 or later is required for `xid8`.
 * - The trigger function is SECURITY DEFINER, so applications that write the table need no
 *   privileges on the changes table; its search_path is pinned.
 * - An update that changes nothing is not recorded; an update of the id column records a
 *   delete of the old id and a create of the new one.
 */
export function changeCaptureSql(names: ChangeCaptureNames): string[] {
  const table = qualified(names.schema, names.table);
  const changes = qualified(names.schema, names.changesTable);
  const writes = qualified(names.schema, names.writesTable);
  const capture = qualified(names.schema, names.captureFunction);
  const trigger = quoteIdentifier(names.captureFunction);
  const id = quoteIdentifier(names.idColumn);
  const lockKey = `${names.schema}.${names.changesTable}`;
  // The channel is a validated identifier; as a string literal it needs no further escaping.
  const channel = `'${names.channel}'`;
  return [
    `SELECT pg_advisory_xact_lock(hashtext('${lockKey}'))`,
    `CREATE TABLE IF NOT EXISTS ${changes} (
      seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
      external_id text NOT NULL,
      action text NOT NULL CHECK (action IN ('created', 'updated', 'deleted')),
      changed_at timestamptz NOT NULL DEFAULT clock_timestamp()
    )`,
    `CREATE INDEX IF NOT EXISTS ${quoteIdentifier(`${names.changesTable}_order`)}
      ON ${changes} (xid, seq)`,
    `CREATE TABLE IF NOT EXISTS ${writes} (
      idempotency_key text PRIMARY KEY,
      external_id text,
      written_at timestamptz NOT NULL DEFAULT clock_timestamp()
    )`,
    `CREATE OR REPLACE FUNCTION ${capture}() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $capture$
    DECLARE
      change_seq bigint;
    BEGIN
      IF TG_OP = 'UPDATE' AND OLD IS NOT DISTINCT FROM NEW THEN
        RETURN NULL;
      END IF;
      IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND OLD.${id} IS DISTINCT FROM NEW.${id}) THEN
        INSERT INTO ${changes} (external_id, action) VALUES (OLD.${id}::text, 'deleted')
          RETURNING seq INTO change_seq;
      END IF;
      IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND OLD.${id} IS DISTINCT FROM NEW.${id}) THEN
        INSERT INTO ${changes} (external_id, action) VALUES (NEW.${id}::text, 'created')
          RETURNING seq INTO change_seq;
      ELSIF TG_OP = 'UPDATE' THEN
        INSERT INTO ${changes} (external_id, action) VALUES (NEW.${id}::text, 'updated')
          RETURNING seq INTO change_seq;
      END IF;
      PERFORM pg_notify(${channel}, change_seq::text);
      RETURN NULL;
    END
    $capture$`,
    `DROP TRIGGER IF EXISTS ${trigger} ON ${table}`,
    `CREATE TRIGGER ${trigger} AFTER INSERT OR UPDATE OR DELETE ON ${table}
      FOR EACH ROW EXECUTE FUNCTION ${capture}()`,
  ];
}
