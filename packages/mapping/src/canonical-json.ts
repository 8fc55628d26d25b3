/**
 * JSON with object keys sorted at every level and `undefined` members dropped, so two values
 * that mean the same serialize to the same text whatever order their keys were built in.
 * Array order is kept: arrays in a plan are ordered on purpose.
 */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return "null";
  const sorted = sortedCopy(value);
  // An object with array-index keys enumerates them first whatever order they were added in,
  // so a sorted copy of it would not print sorted: those values take the slow path.
  return sorted === UNSORTABLE ? canonicalJsonByHand(value) : JSON.stringify(sorted);
}

const UNSORTABLE = Symbol("unsortable");
const ARRAY_INDEX = /^(?:0|[1-9]\d*)$/;

/** A copy whose objects have their keys in sorted order, for the native JSON.stringify to print. */
function sortedCopy(value: unknown): unknown {
  if (value === null) return value;
  if (typeof value !== "object") {
    // Printed differently by hand than by JSON.stringify; never part of a plan.
    const unprintable =
      typeof value === "function" || typeof value === "symbol" || typeof value === "bigint";
    return unprintable ? UNSORTABLE : value;
  }
  if (Array.isArray(value)) {
    const copy: unknown[] = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) {
      const member = sortedCopy(value[i]);
      if (member === UNSORTABLE) return UNSORTABLE;
      copy[i] = member;
    }
    return copy;
  }
  const record = value as Record<string, unknown>;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(record).sort()) {
    if (ARRAY_INDEX.test(key) || key === "__proto__") return UNSORTABLE;
    const member = record[key];
    if (member === undefined) continue;
    const sorted = sortedCopy(member);
    if (sorted === UNSORTABLE) return UNSORTABLE;
    copy[key] = sorted;
  }
  return copy;
}

function canonicalJsonByHand(value: unknown): string {
  if (value === null || typeof value !== "object") {
    return value === undefined ? "null" : JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    let out = "[";
    for (let i = 0; i < value.length; i++)
      out += (i === 0 ? "" : ",") + canonicalJsonByHand(value[i]);
    return out + "]";
  }
  const record = value as Record<string, unknown>;
  let out = "{";
  let first = true;
  for (const key of Object.keys(record).sort()) {
    const member = record[key];
    if (member === undefined) continue;
    out += (first ? "" : ",") + JSON.stringify(key) + ":" + canonicalJsonByHand(member);
    first = false;
  }
  return out + "}";
}
