import type { FieldType } from "@tandem/hr-model";
import type { MoneyFormat, Scalar } from "./document-schema";

/** The coarse type the compiler checks flows with. */
export type ValueKind = "text" | "number" | "boolean" | "any";

export function fieldKind(type: FieldType): ValueKind {
  switch (type) {
    case "integer":
    case "number":
    case "money":
    case "basisPoints":
      return "number";
    case "boolean":
      return "boolean";
    default:
      return "text";
  }
}

export function scalarKind(value: Scalar): ValueKind {
  if (value === null) return "any";
  return typeof value === "string" ? "text" : typeof value === "number" ? "number" : "boolean";
}

export function moneyFormatKind(format: MoneyFormat): ValueKind {
  return format === "minor" || format === "decimal-number" ? "number" : "text";
}

/** The kind that covers all of `kinds`, ignoring `any`; `any` when they disagree. */
export function commonKind(kinds: readonly ValueKind[]): ValueKind {
  const concrete = new Set(kinds.filter((kind) => kind !== "any"));
  if (concrete.size !== 1) return "any";
  return [...concrete][0] ?? "any";
}

export function kindsCompatible(actual: ValueKind, expected: ValueKind): boolean {
  return actual === "any" || expected === "any" || actual === expected;
}
