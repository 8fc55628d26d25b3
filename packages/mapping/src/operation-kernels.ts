import type { Operation } from "./sync-plan";
import { compileDateConversion } from "./transforms/date-format";
import { moneyTransform } from "./transforms/money";
import { compilePredicate, describePredicate } from "./transforms/predicate";
import { Skip } from "./transforms/skip";
import { coalesceValues, concatValues, isEmpty, splitValue } from "./transforms/text";
import { valueMapTransform } from "./transforms/value-map";

export type UnaryKernel = (value: unknown) => unknown;
export type ManyKernel = (values: readonly unknown[]) => unknown;

/** What the evaluator runs for one operation; `read` and `constant` it handles itself. */
export type OperationKernel =
  | { kind: "source" }
  | { kind: "unary"; run: UnaryKernel }
  | { kind: "many"; arity: number; run: ManyKernel; acceptsSkipped: boolean }
  | { kind: "condition"; test: (value: unknown) => boolean; hasElse: boolean; falseReason: string }
  | { kind: "expression"; inputs: readonly string[] };

function dateKernel(from: string, to: string): UnaryKernel {
  const convert = compileDateConversion(from, to);
  if ("error" in convert) {
    const reason = convert.error;
    return () => new Skip(`the date format is invalid: ${reason}`);
  }
  return convert;
}

export function operationKernel(operation: Operation): OperationKernel {
  switch (operation.op) {
    case "read":
    case "constant":
      return { kind: "source" };
    case "map":
      return {
        kind: "unary",
        run: valueMapTransform(
          operation.entries,
          operation.unmapped,
          `map node "${operation.node}"`,
        ),
      };
    case "dateFormat":
      return { kind: "unary", run: dateKernel(operation.from, operation.to) };
    case "money":
      return {
        kind: "unary",
        run: moneyTransform(operation.from, operation.to, operation.decimals, operation.currency),
      };
    case "split": {
      const { separator, parts, index } = operation;
      return { kind: "unary", run: (value) => splitValue(value, separator, parts, index) };
    }
    case "default": {
      const fallback = operation.value;
      return { kind: "unary", run: (value) => (isEmpty(value) ? fallback : value) };
    }
    case "concat": {
      const separator = operation.separator;
      return {
        kind: "many",
        arity: operation.arity,
        run: (values) => concatValues(values, separator),
        acceptsSkipped: false,
      };
    }
    case "coalesce":
      return { kind: "many", arity: operation.arity, run: coalesceValues, acceptsSkipped: true };
    case "condition":
      return {
        kind: "condition",
        test: compilePredicate(operation.predicate),
        hasElse: operation.hasElse,
        falseReason: `condition node "${operation.node}" has no else branch and its test value fails "${describePredicate(operation.predicate)}"`,
      };
    case "expression":
      return { kind: "expression", inputs: operation.inputs };
  }
}
