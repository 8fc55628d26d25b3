// The plan-driven engine's view of a system: records of one entity in the shape the mapping's
// side describes (field ids are dotted paths into `fields`), read and written field by field.
// A connector translates a patch into the vendor's own calls (a termination through its
// termination endpoint, a pay change through its compensation endpoint, the rest through the
// record's update), so the engine never needs to know a vendor's resource layout.

/** One record of a sync entity, as the system holds it now. */
export interface EntityRecord {
  /** The system's id of the record. */
  id: string;
  /** The record in the mapping side's shape: every side field id is a dotted path into it. */
  fields: Record<string, unknown>;
  /**
   * The vendor's optimistic-concurrency token for the record as read (Gusto's `version`),
   * where it has one. Passed back on update, so a write never overwrites an edit it did not see.
   */
  version?: string;
  /**
   * When the system says the record last changed (ISO 8601), where it exposes that. The
   * `latest-change` conflict rule compares these; null when the vendor exposes none.
   */
  modifiedAt: string | null;
}

export interface EntityPage {
  items: EntityRecord[];
  nextCursor: string | null;
}

export interface EntityWriteOptions {
  /**
   * Derived from the write's content: the same key always carries the same patch. Vendors that
   * honour idempotency keys get it as a header; a retry with it never applies twice.
   */
  idempotencyKey: string;
  /** The `version` of the record the patch was computed from, for vendors that check it. */
  version?: string;
}

/**
 * Read and write access to one entity of a system. Failures are `ConnectorError`s: `stale`
 * when the version no longer matches (re-read and decide again), `retryable` for rate limits
 * and outages, `permanent` for a refusal an operator must look at.
 */
export interface SyncEntity {
  readonly entity: string;
  read(id: string): Promise<EntityRecord | null>;
  list(cursor?: string | null): Promise<EntityPage>;
  /**
   * The ids of records changed at or after `since` (ISO 8601), through the vendor's own change
   * listing (BambooHR's `GET /v1/employees/changed?since=`). Absent when the vendor has none;
   * reconciliation then compares every record through `list`.
   */
  listChangedSince?(since: string): Promise<string[]>;
  /**
   * Records whose `field` holds `value` (compared as the vendor compares: an exact match, or
   * case-insensitive for emails), used to match new records by the plan's match keys. Absent
   * when the vendor has no such search; the engine then pages through `list`.
   */
  findByField?(field: string, value: string): Promise<EntityRecord[]>;
  /**
   * True when `findByField` pages through `list` because the vendor has no such search (Gusto).
   * An engine with many records to match lists once and searches that instead.
   */
  readonly findByFieldPagesListing?: boolean;
  /**
   * The ids of this entity's records that a change event of another entity concerns (a Gusto
   * `Job` or `Compensation` event concerns the employee that holds it; a termination in the
   * HRIS concerns that person's benefit enrollments). Absent: such events concern nothing here.
   */
  recordsConcerned?(event: { entity: string; externalId: string }): Promise<string[]>;
  /** Creates a record from side fields; returns it as stored (with its new id). */
  create(fields: Record<string, unknown>, options: EntityWriteOptions): Promise<EntityRecord>;
  /**
   * Writes only the given fields (dotted paths → new values; null clears). Returns the record as
   * stored after the write when the vendor answers with it, so the engine need not read again.
   */
  update(
    id: string,
    patch: Record<string, unknown>,
    options: EntityWriteOptions,
  ): Promise<EntityRecord | null>;
}
