import { normalizeMatchValue } from "@tandem/mapping";
import type { PreparedSyncPlan } from "./prepared-plan";
import type { Side } from "./sides";

/**
 * A record's match keys, one slot per key of the plan in its order: the normalized parts
 * joined (null where the record cannot fill every field of the key). Small enough to keep for
 * every record of both systems in memory while a backfill pairs them.
 */
export type MatchKeySlots = (string | null)[];

export function matchKeySlots(
  plan: PreparedSyncPlan,
  side: Side,
  fields: Record<string, unknown>,
): MatchKeySlots {
  return plan.plan.matchKeys.map((key) => {
    const parts: string[] = [];
    for (const field of key.fields) {
      const part = normalizeMatchValue(
        plan.sides[side].readerOf(field[side])(fields),
        field.normalize,
      );
      if (part === undefined) return null;
      parts.push(part);
    }
    return JSON.stringify(parts);
  });
}

export interface KeyedRecord {
  id: string;
  keys: MatchKeySlots;
}

export interface BackfillPairing {
  /** Records the same by a match key; `key` is the index of the key that decided. */
  pairs: { a: string; b: string; key: number }[];
  /** Records no key links to anything on the other side. */
  unmatched: { side: Side; id: string }[];
  /** Records a key links to more than one record, or to one another record already took. */
  ambiguous: { side: Side; id: string; candidates: string[]; reason: string }[];
}

/**
 * Pairs the records of both systems by the plan's match keys, with `matchingKey`'s rule: the
 * first key both records can fill decides, so a pair found through a later key is kept only if
 * no earlier key that both fill disagrees. Linear in the number of records (one index per key).
 * A key value held by several records of one side pairs none of them: an operator decides.
 */
export function pairByMatchKeys(
  a: readonly KeyedRecord[],
  b: readonly KeyedRecord[],
): BackfillPairing {
  const keyCount = Math.max(0, ...a.map((r) => r.keys.length), ...b.map((r) => r.keys.length));
  const indexOf = (records: readonly KeyedRecord[]) =>
    Array.from({ length: keyCount }, (_, key) => {
      const index = new Map<string, KeyedRecord[]>();
      for (const record of records) {
        const value = record.keys[key];
        if (value === null || value === undefined) continue;
        const held = index.get(value);
        if (held) held.push(record);
        else index.set(value, [record]);
      }
      return index;
    });
  const indexA = indexOf(a);
  const indexB = indexOf(b);
  const taken = new Set<string>();
  const pairing: BackfillPairing = { pairs: [], unmatched: [], ambiguous: [] };
  const earlierKeysAgree = (x: KeyedRecord, y: KeyedRecord, upTo: number) => {
    for (let key = 0; key < upTo; key += 1) {
      const mine = x.keys[key];
      const theirs = y.keys[key];
      if (mine != null && theirs != null) return false;
    }
    return true;
  };
  for (const record of a) {
    let decided = false;
    for (let key = 0; key < keyCount && !decided; key += 1) {
      const value = record.keys[key];
      if (value === null || value === undefined) continue;
      const candidates = (indexB[key]?.get(value) ?? []).filter((candidate) =>
        earlierKeysAgree(record, candidate, key),
      );
      if (candidates.length === 0) continue;
      decided = true;
      const sameOnA = (indexA[key]?.get(value) ?? []).filter((other) =>
        candidates.some((candidate) => earlierKeysAgree(other, candidate, key)),
      );
      const [only] = candidates;
      if (candidates.length > 1 || sameOnA.length > 1 || !only) {
        pairing.ambiguous.push({
          side: "a",
          id: record.id,
          candidates: candidates.map((candidate) => candidate.id),
          reason:
            candidates.length > 1
              ? `match key ${key + 1} links it to ${candidates.length} B records`
              : `match key ${key + 1} links ${sameOnA.length} A records to the same B record`,
        });
        for (const candidate of candidates) taken.add(candidate.id);
        continue;
      }
      if (taken.has(only.id)) {
        pairing.ambiguous.push({
          side: "a",
          id: record.id,
          candidates: [only.id],
          reason: `match key ${key + 1} links it to B record ${only.id}, which another A record took`,
        });
        continue;
      }
      taken.add(only.id);
      pairing.pairs.push({ a: record.id, b: only.id, key });
    }
    if (!decided) pairing.unmatched.push({ side: "a", id: record.id });
  }
  for (const record of b)
    if (!taken.has(record.id)) pairing.unmatched.push({ side: "b", id: record.id });
  return pairing;
}
