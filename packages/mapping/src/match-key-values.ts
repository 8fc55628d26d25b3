import type { MatchNormalization, SideName } from "./document-schema";
import { pathReader } from "./record-paths";
import type { SyncPlan } from "./sync-plan";

export function normalizeMatchValue(
  value: unknown,
  normalize: MatchNormalization,
): string | undefined {
  if (typeof value !== "string" && typeof value !== "number") return undefined;
  const text = String(value).trim();
  const normalized =
    normalize === "case-insensitive"
      ? text.toLowerCase()
      : normalize === "digits-only"
        ? text.replace(/\D/g, "")
        : text;
  return normalized === "" ? undefined : normalized;
}

/**
 * The match keys of a record of one side, in priority order, each as one comparable string;
 * a key with any field empty is left out, since it cannot identify the record.
 */
export function matchKeyValues(
  plan: SyncPlan,
  side: SideName,
  record: unknown,
): { priority: number; value: string }[] {
  const keys: { priority: number; value: string }[] = [];
  for (const key of plan.matchKeys) {
    const parts: string[] = [];
    for (const field of key.fields) {
      const part = normalizeMatchValue(pathReader(field[side])(record), field.normalize);
      if (part === undefined) break;
      parts.push(part);
    }
    if (parts.length === key.fields.length)
      keys.push({ priority: key.priority, value: JSON.stringify(parts) });
  }
  return keys;
}
