/** Empty strings, null and absent values all mean "no value": vendors disagree on which they send. */
export function isEmptyValue(value: unknown): boolean {
  return value === undefined || value === null || value === "";
}

/**
 * Whether two field values mean the same. Scalars compare exactly after the empty forms are
 * folded together; objects and arrays (rare in plan fields) compare structurally.
 */
export function sameValue(x: unknown, y: unknown): boolean {
  if (isEmptyValue(x)) return isEmptyValue(y);
  if (isEmptyValue(y)) return false;
  if (x === y) return true;
  if (typeof x !== "object" || typeof y !== "object" || x === null || y === null) return false;
  if (Array.isArray(x) !== Array.isArray(y)) return false;
  const xKeys = Object.keys(x);
  const yKeys = Object.keys(y);
  if (xKeys.length !== yKeys.length) return false;
  const xRecord = x as Record<string, unknown>;
  const yRecord = y as Record<string, unknown>;
  return xKeys.every((key) => sameValue(xRecord[key], yRecord[key]));
}
