// How the editor words values, tests and conflict strategies in node summaries and menus.
import type { ConflictStrategy, Predicate, Scalar } from "@tandem/mapping";

export const STRATEGY_PHRASES: Record<ConflictStrategy, string> = {
  "a-wins": "Side A wins",
  "b-wins": "Side B wins",
  "latest-change": "Latest change wins",
  "prefer-non-empty": "Prefer the non-empty value",
  "manual-review": "Send to manual review",
  expression: "Decided by an expression",
};

export const formatScalar = (value: Scalar) => (value === null ? "null" : JSON.stringify(value));

export function describePredicate(predicate: Predicate): string {
  switch (predicate.test) {
    case "equals":
      return `equals ${formatScalar(predicate.value)}`;
    case "notEquals":
      return `is not ${formatScalar(predicate.value)}`;
    case "in":
      return `is one of ${predicate.values.map(formatScalar).join(", ")}`;
    case "notIn":
      return `is none of ${predicate.values.map(formatScalar).join(", ")}`;
    case "empty":
      return "is empty";
    case "notEmpty":
      return "is not empty";
  }
}
