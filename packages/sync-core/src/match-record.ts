import { normalizeMatchValue, type MatchKey, type SyncPlan } from "@tandem/mapping";

export { normalizeMatchValue };
import type { PreparedSyncPlan } from "./prepared-plan";
import { otherSide, type Side } from "./sides";

/** A search the engine runs on the other side to find a new record's counterpart. */
export interface MatchSearch {
  /** The other side's field to search. */
  field: string;
  /** The value as the source record holds it (the vendor compares as it does). */
  value: string;
}

function keyParts(key: MatchKey, side: Side, read: (field: string) => unknown): string[] | null {
  const parts: string[] = [];
  for (const field of key.fields) {
    const part = normalizeMatchValue(read(field[side]), field.normalize);
    if (part === undefined) return null;
    parts.push(part);
  }
  return parts;
}

/**
 * Whether `candidate` (a record of the other side) is the same as `record` by one of the plan's
 * match keys; the first key (by priority) both records can fill decides. Normalization follows
 * the key (case, spaces, digits).
 */
export function matchingKey(
  plan: PreparedSyncPlan,
  side: Side,
  record: Record<string, unknown>,
  candidate: Record<string, unknown>,
): MatchKey | null {
  const other = otherSide(side);
  for (const key of plan.plan.matchKeys) {
    const mine = keyParts(key, side, (field) => plan.sides[side].readerOf(field)(record));
    const theirs = keyParts(key, other, (field) => plan.sides[other].readerOf(field)(candidate));
    if (!mine || !theirs) continue;
    return mine.every((part, index) => part === theirs[index]) ? key : null;
  }
  return null;
}

/** The searches that can find `record`'s counterpart: the first field of each usable key, in priority order. */
export function matchSearches(
  plan: PreparedSyncPlan,
  side: Side,
  record: Record<string, unknown>,
): MatchSearch[] {
  const other = otherSide(side);
  const searches: MatchSearch[] = [];
  for (const key of plan.plan.matchKeys) {
    const [first] = key.fields;
    if (!first) continue;
    const value = plan.sides[side].readerOf(first[side])(record);
    if (typeof value !== "string" && typeof value !== "number") continue;
    if (String(value).trim() === "") continue;
    searches.push({ field: first[other], value: String(value).trim() });
  }
  return searches;
}

const EMAIL_TYPES = new Set(["email"]);

function fieldsOfType(plan: SyncPlan, side: Side, types: ReadonlySet<string>): string[] {
  return plan.sides[side].fields.filter((field) => types.has(field.type)).map((field) => field.id);
}

/** Searches for likely duplicates no key links: the record's email addresses in any email field there. */
export function duplicateSearches(
  plan: PreparedSyncPlan,
  side: Side,
  record: Record<string, unknown>,
): MatchSearch[] {
  const other = otherSide(side);
  const mine = fieldsOfType(plan.plan, side, EMAIL_TYPES);
  const theirs = fieldsOfType(plan.plan, other, EMAIL_TYPES);
  const searches: MatchSearch[] = [];
  for (const field of mine) {
    const value = plan.sides[side].readerOf(field)(record);
    if (typeof value !== "string" || value.trim() === "") continue;
    for (const target of theirs) searches.push({ field: target, value: value.trim() });
  }
  return searches;
}

/**
 * Why `candidate` looks like the same person as `record` although no match key links them: an
 * email address of one in any email field of the other, or the same name and birth date.
 */
export function likelyDuplicateReason(
  plan: PreparedSyncPlan,
  side: Side,
  record: Record<string, unknown>,
  candidate: Record<string, unknown>,
): string | null {
  const other = otherSide(side);
  const read = (s: Side, r: Record<string, unknown>, field: string) =>
    plan.sides[s].readerOf(field)(r);
  const emails = (s: Side, r: Record<string, unknown>) =>
    fieldsOfType(plan.plan, s, EMAIL_TYPES).flatMap((field) => {
      const value = normalizeMatchValue(read(s, r, field), "case-insensitive");
      return value ? [{ field, value }] : [];
    });
  const theirs = emails(other, candidate);
  for (const mine of emails(side, record)) {
    const same = theirs.find((entry) => entry.value === mine.value);
    if (same)
      return `${side.toUpperCase()}.${mine.field} and ${other.toUpperCase()}.${same.field} hold the same address (${mine.value})`;
  }
  const identity = (s: Side, r: Record<string, unknown>) => {
    const fields = plan.plan.sides[s].fields;
    const pick = (pattern: RegExp) =>
      fields.find((field) => pattern.test(field.id.replace(/[._]/g, "")))?.id;
    const first = pick(/^firstname$/i);
    const last = pick(/^lastname$/i);
    const birth = fields.find((field) => field.type === "date" && /birth/i.test(field.id))?.id;
    if (!first || !last || !birth) return null;
    const values = [first, last, birth].map((field) =>
      normalizeMatchValue(read(s, r, field), "case-insensitive"),
    );
    return values.every((value) => value !== undefined) ? values.join("|") : null;
  };
  const mine = identity(side, record);
  if (mine !== null && mine === identity(other, candidate))
    return "the same first name, last name and date of birth";
  return null;
}
