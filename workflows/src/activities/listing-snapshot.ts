import { fieldAtPath, type EntityRecord, type SyncEntity } from "@tandem/connectors";
import { normalizeMatchValue, type MatchSearch, type PerSide, type Side } from "@tandem/sync-core";

/** What a search compares: every field ignoring case and surrounding space (a superset). */
const searchValue = (value: unknown) => normalizeMatchValue(value, "case-insensitive") ?? null;

/** Whether searching `entity` means paging its whole listing (the vendor has no search). */
export function searchPagesListing(entity: SyncEntity): boolean {
  return !entity.findByField || entity.findByFieldPagesListing === true;
}

/**
 * One drain's view of a side that has no search: the whole listing, paged once when the first
 * new record needs its counterpart, then searched in memory by every later step of the drain.
 * Before, each new person paged the whole company once per match key and email field.
 *
 * It is as fresh as a per-step scan: the drain reads its queue before the first search lists,
 * so every record whose event is in the drain is in the listing; records created later come
 * with their own events, in a later drain with a new snapshot. Records this drain creates are
 * added (`remember`), so a second new record with the same key finds the first.
 *
 * Candidates are a superset (case-insensitive for every field); the matcher decides by the
 * plan's match keys as it does for a vendor's own search.
 */
export interface ListingSnapshots {
  search(side: Side, query: MatchSearch): Promise<EntityRecord[]>;
  /** Every listed record of a side (a vendor with no search at all is compared whole). */
  all(side: Side): Promise<EntityRecord[]>;
  remember(side: Side, record: EntityRecord): void;
}

interface Snapshot {
  records: Map<string, EntityRecord>;
  /** field → search value → ids, built when a field is first searched. */
  indexes: Map<string, Map<string, Set<string>>>;
}

export function createListingSnapshots(entities: PerSide<SyncEntity>): ListingSnapshots {
  const loading: Partial<Record<Side, Promise<Snapshot>>> = {};

  async function listAll(entity: SyncEntity): Promise<Snapshot> {
    const records = new Map<string, EntityRecord>();
    let cursor: string | null = null;
    do {
      const page = await entity.list(cursor);
      for (const record of page.items) records.set(record.id, record);
      cursor = page.nextCursor;
    } while (cursor !== null);
    return { records, indexes: new Map() };
  }

  function snapshotOf(side: Side): Promise<Snapshot> {
    let snapshot = loading[side];
    if (!snapshot) {
      snapshot = listAll(entities[side]);
      // A failed listing is not kept: the next step (or the retried drain) lists again.
      snapshot.catch(() => {
        if (loading[side] === snapshot) delete loading[side];
      });
      loading[side] = snapshot;
    }
    return snapshot;
  }

  function index(snapshot: Snapshot, field: string, record: EntityRecord) {
    const byValue = snapshot.indexes.get(field);
    const value = searchValue(fieldAtPath(record.fields, field));
    if (!byValue || value === null) return;
    const ids = byValue.get(value) ?? new Set<string>();
    ids.add(record.id);
    byValue.set(value, ids);
  }

  return {
    async search(side, query) {
      const snapshot = await snapshotOf(side);
      if (!snapshot.indexes.has(query.field)) {
        snapshot.indexes.set(query.field, new Map());
        for (const record of snapshot.records.values()) index(snapshot, query.field, record);
      }
      const wanted = searchValue(query.value);
      const ids = wanted === null ? undefined : snapshot.indexes.get(query.field)?.get(wanted);
      return [...(ids ?? [])].flatMap((id) => snapshot.records.get(id) ?? []);
    },
    async all(side) {
      return [...(await snapshotOf(side)).records.values()];
    },
    remember(side, record) {
      void loading[side]?.then((snapshot) => {
        snapshot.records.set(record.id, record);
        for (const field of snapshot.indexes.keys()) index(snapshot, field, record);
      });
    },
  };
}
