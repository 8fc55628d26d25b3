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

/**
 * `value` with every object's keys in sorted order, for the native JSON.stringify to print:
 * objects already in order (the compiler builds plans that way) are used as they are, the
 * others copied.
 */
function sortedCopy(value: unknown): unknown {
  if (value === null) return value;
  if (typeof value !== "object") {
    // Printed differently by hand than by JSON.stringify; never part of a plan.
    const unprintable =
      typeof value === "function" || typeof value === "symbol" || typeof value === "bigint";
    return unprintable ? UNSORTABLE : value;
  }
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const member: unknown = value[i];
      const sorted = sortedCopy(member);
      if (sorted === UNSORTABLE) return UNSORTABLE;
      if (sorted !== member && !copy) copy = value.slice(0, i);
      copy?.push(sorted);
    }
    return copy ?? value;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  let inOrder = true;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] ?? "";
    const first = key.charCodeAt(0);
    if ((first >= 48 && first <= 57 && ARRAY_INDEX.test(key)) || key === "__proto__")
      return UNSORTABLE;
    if (i > 0 && (keys[i - 1] ?? "") > key) inOrder = false;
  }
  if (!inOrder) keys.sort();
  let copy: Record<string, unknown> | undefined = inOrder ? undefined : {};
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] ?? "";
    const member = record[key];
    const sorted = member === undefined ? undefined : sortedCopy(member);
    if (sorted === UNSORTABLE) return UNSORTABLE;
    if (!copy && sorted !== member) {
      copy = {};
      for (let j = 0; j < i; j++) {
        const earlier = keys[j] ?? "";
        copy[earlier] = record[earlier];
      }
    }
    if (copy && sorted !== undefined) copy[key] = sorted;
  }
  return copy ?? record;
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
