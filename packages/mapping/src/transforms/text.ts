import { describeValue, Skip } from "./skip";

function asText(value: unknown): string | Skip {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return new Skip(`cannot join ${describeValue(value)} into text`);
}

/**
 * Joins the non-empty parts with the separator. Any absent part makes the result absent; all
 * parts empty gives null. Skipping empty parts is what lets `split` undo it.
 */
export function concatValues(values: readonly unknown[], separator: string): unknown {
  let out: string | null = null;
  for (const value of values) {
    if (value === undefined) return undefined;
    if (value === null || value === "") continue;
    const part = asText(value);
    if (part instanceof Skip) return part;
    out = out === null ? part : out + separator + part;
  }
  return out;
}

/** Splits into at most `parts` pieces (the last keeps the rest) and returns piece `index`, or null. */
export function splitValue(
  value: unknown,
  separator: string,
  parts: number,
  index: number,
): unknown {
  if (value === null || value === undefined) return value;
  if (typeof value !== "string")
    return new Skip(`expected text to split, got ${describeValue(value)}`);
  if (value === "") return null;
  let start = 0;
  for (let piece = 0; piece < index; piece++) {
    const at = value.indexOf(separator, start);
    if (at === -1) return null;
    start = at + separator.length;
  }
  if (index === parts - 1) return value.slice(start);
  const end = value.indexOf(separator, start);
  return end === -1 ? value.slice(start) : value.slice(start, end);
}

export function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || value === "";
}

/** The first input with a value; null if some input was empty, absent if all were absent. */
export function coalesceValues(values: readonly unknown[]): unknown {
  let sawPresent = false;
  for (const value of values) {
    if (value instanceof Skip) continue;
    if (!isEmpty(value)) return value;
    if (value !== undefined) sawPresent = true;
  }
  return sawPresent ? null : undefined;
}
