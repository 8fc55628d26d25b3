export type PathReader = (record: unknown) => unknown;
export type PathWriter = (record: Record<string, unknown>, value: unknown) => void;

/**
 * Reads one key. Records are plain JSON objects, so only keys that `Object.prototype` also
 * has (toString, valueOf, …) need the slower own-property check to avoid reading inherited members.
 */
function keyReader(key: string): (value: unknown) => unknown {
  if (key in Object.prototype) {
    return (value) =>
      typeof value === "object" && value !== null && Object.hasOwn(value, key)
        ? (value as Record<string, unknown>)[key]
        : undefined;
  }
  return (value) =>
    typeof value === "object" && value !== null
      ? (value as Record<string, unknown>)[key]
      : undefined;
}

/** Reads a dotted field path; anything missing on the way reads as absent (undefined). */
export function pathReader(path: string): PathReader {
  const readers = path.split(".").map(keyReader);
  const [first, second] = readers;
  if (readers.length === 1 && first) return first;
  if (readers.length === 2 && first && second) return (record) => second(first(record));
  return (record) => readers.reduce<unknown>((value, read) => read(value), record);
}

/** Writes a dotted field path, creating the objects on the way. */
export function pathWriter(path: string): PathWriter {
  const segments = path.split(".");
  const last = segments.pop() ?? path;
  if (segments.length === 0) {
    return (record, value) => {
      record[last] = value;
    };
  }
  return (record, value) => {
    let target = record;
    for (const segment of segments) {
      const next = target[segment];
      if (typeof next === "object" && next !== null) target = next as Record<string, unknown>;
      else target = target[segment] = {};
    }
    target[last] = value;
  };
}

/**
 * Writes a dotted field path into a record whose nested objects may be shared with another
 * (a shallow copy of a base record): each object on the way is copied before it is written.
 */
export function copyingPathWriter(path: string): PathWriter {
  const segments = path.split(".");
  const last = segments.pop() ?? path;
  if (segments.length === 0) return pathWriter(path);
  return (record, value) => {
    let target = record;
    for (const segment of segments) {
      const next = target[segment];
      const copy: Record<string, unknown> =
        typeof next !== "object" || next === null
          ? {}
          : Array.isArray(next)
            ? (next.slice() as unknown as Record<string, unknown>)
            : { ...(next as Record<string, unknown>) };
      target = target[segment] = copy;
    }
    target[last] = value;
  };
}
