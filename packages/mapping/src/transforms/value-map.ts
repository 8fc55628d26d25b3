import type { Scalar, UnmappedValue } from "../document-schema";
import { describeValue, Skip } from "./skip";

/**
 * An enum map or lookup table. Keys compare by type and value (1 and "1" differ). Absent
 * passes through; null maps only when the table has an entry for null.
 */
export function valueMapTransform(
  entries: readonly (readonly [Scalar, Scalar])[],
  unmapped: UnmappedValue,
  nodeName: string,
) {
  const table = new Map<unknown, Scalar>();
  for (const [from, to] of entries) if (!table.has(from)) table.set(from, to);
  return (value: unknown): unknown => {
    if (value === undefined) return undefined;
    const mapped = table.get(value);
    if (mapped !== undefined || table.has(value)) return mapped;
    if (value === null) return null;
    switch (unmapped.action) {
      case "skip":
        return new Skip(`${describeValue(value)} has no entry in ${nodeName}`);
      case "passthrough":
        return value;
      case "value":
        return unmapped.value;
    }
  };
}
