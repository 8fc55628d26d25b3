import type { ConflictStrategy, Predicate, Scalar } from "@tandem/mapping";
import type { FlowNode } from "./flow-types";

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

/** One line under a node's title saying what it does. */
export function nodeSummary(node: FlowNode): string {
  switch (node.type) {
    case "side":
      return `${node.data.fields.length} fields`;
    case "enumMap":
    case "lookup": {
      const unmapped =
        node.data.unmapped.action === "value"
          ? `else ${formatScalar(node.data.unmapped.value)}`
          : node.data.unmapped.action === "passthrough"
            ? "others pass through"
            : "others skipped";
      return `${node.data.entries.length} values · ${unmapped}`;
    }
    case "dateFormat":
      return `${node.data.from} → ${node.data.to}`;
    case "money":
      return `${node.data.from} → ${node.data.to} · ${node.data.currency}`;
    case "concat":
      return `join ${node.data.inputs} with ${JSON.stringify(node.data.separator)}`;
    case "split":
      return `split into ${node.data.parts} at ${JSON.stringify(node.data.separator)}`;
    case "constant":
      return `always ${formatScalar(node.data.value)}`;
    case "default":
      return `when empty: ${formatScalar(node.data.value)}`;
    case "coalesce":
      return `first non-empty of ${node.data.inputs}`;
    case "condition":
      return `if test ${describePredicate(node.data.predicate)}`;
    case "filter":
      return `sync only when ${describePredicate(node.data.predicate)}`;
    case "expression":
      return node.data.expression.length > 48
        ? `${node.data.expression.slice(0, 47)}…`
        : node.data.expression;
    case "conflictRule":
      return STRATEGY_PHRASES[node.data.strategy];
    case "matchKey":
      return `${node.data.normalize} · priority ${node.data.priority}`;
  }
}
