import { operationKernel } from "./operation-kernels";
import type { PathReader } from "./record-paths";
import type { Operation } from "./sync-plan";
import { Skip } from "./transforms/skip";

/** One target field's program as a function of the source record. */
export type EvaluationStep = (record: unknown) => unknown;

export const ASYNC_ONLY_REASON =
  "computed by an expression node; expression nodes run only in evaluateAsync";

/** Turns a postfix program into nested closures, so evaluation does no dispatch per record. */
export function buildEvaluationStep(
  operations: readonly Operation[],
  readerOf: (field: string) => PathReader,
): EvaluationStep {
  const stack: EvaluationStep[] = [];
  const pop = () => stack.pop() ?? (() => undefined);
  operations.forEach((operation, index) => {
    const tag = (value: unknown) => {
      if (value instanceof Skip && value.opIndex < 0) value.opIndex = index;
      return value;
    };
    if (operation.op === "read") {
      stack.push(readerOf(operation.field));
      return;
    }
    if (operation.op === "constant") {
      const value = operation.value;
      stack.push(() => value);
      return;
    }
    const kernel = operationKernel(operation);
    switch (kernel.kind) {
      case "source":
        return;
      case "unary": {
        const child = pop();
        const run = kernel.run;
        stack.push((record) => {
          const value = child(record);
          return value instanceof Skip ? value : tag(run(value));
        });
        return;
      }
      case "many": {
        const children = stack.splice(stack.length - kernel.arity, kernel.arity);
        const { run, acceptsSkipped } = kernel;
        stack.push((record) => {
          const values: unknown[] = [];
          for (const child of children) {
            const value = child(record);
            if (value instanceof Skip && !acceptsSkipped) return value;
            values.push(value);
          }
          return tag(run(values));
        });
        return;
      }
      case "condition": {
        const otherwise = kernel.hasElse ? pop() : undefined;
        const then = pop();
        const test = pop();
        const { test: passes, falseReason } = kernel;
        stack.push((record) => {
          const value = test(record);
          if (value instanceof Skip) return value;
          if (passes(value)) return then(record);
          return otherwise ? otherwise(record) : tag(new Skip(falseReason));
        });
        return;
      }
      case "expression": {
        stack.splice(stack.length - kernel.inputs.length, kernel.inputs.length);
        stack.push(() => tag(new Skip(ASYNC_ONLY_REASON)));
        return;
      }
    }
  });
  return pop();
}
