import {
  compileSandboxedExpression,
  describeExpressionFailure,
  type SandboxedExpression,
} from "./expression-sandbox";
import {
  createEvaluator,
  isPlainRecord,
  prepareDirection,
  settleField,
  type EvaluationOptions,
  type EvaluationResult,
  type PreparedDirection,
  type SkippedField,
} from "./evaluator";
import { operationKernel, type OperationKernel } from "./operation-kernels";
import type { Direction, Operation, SyncPlan } from "./sync-plan";
import { describeValue, Skip } from "./transforms/skip";

async function runExpression(
  expression: SandboxedExpression,
  names: readonly string[],
  values: readonly unknown[],
): Promise<unknown> {
  // An input the record lacks is left out, so it is a missing path to JSONata: its functions
  // then give no value (`$replace(phone, …)` of no phone) instead of refusing a null argument.
  const input: Record<string, unknown> = {};
  names.forEach((name, i) => {
    const value = values[i];
    if (value !== null && value !== undefined) input[name] = value;
  });
  try {
    const result = await expression.evaluate(input);
    if (result === undefined || result === null) return null;
    if (typeof result === "string" || typeof result === "number" || typeof result === "boolean")
      return result;
    return new Skip(
      `the expression returned ${describeValue(result)}; a field takes a single value`,
    );
  } catch (error) {
    return new Skip(`the expression failed: ${describeExpressionFailure(error)}`);
  }
}

/**
 * Runs a postfix program with an explicit stack, awaiting expression operations. Results match
 * the closure evaluator of `createEvaluator` operation for operation.
 */
async function runProgram(
  operations: readonly Operation[],
  kernels: readonly OperationKernel[],
  prepared: PreparedDirection,
  record: unknown,
  expressionFor: (source: string) => SandboxedExpression,
): Promise<unknown> {
  const stack: unknown[] = [];
  const take = (count: number) => stack.splice(stack.length - count, count);
  for (let index = 0; index < operations.length; index++) {
    const operation = operations[index];
    const kernel = kernels[index];
    if (!operation || !kernel) continue;
    const tag = (value: unknown) => {
      if (value instanceof Skip && value.opIndex < 0) value.opIndex = index;
      return value;
    };
    if (operation.op === "read") {
      stack.push(prepared.readerOf(operation.field)(record));
      continue;
    }
    if (operation.op === "constant") {
      stack.push(operation.value);
      continue;
    }
    switch (kernel.kind) {
      case "source":
        break;
      case "unary": {
        const [value] = take(1);
        stack.push(value instanceof Skip ? value : tag(kernel.run(value)));
        break;
      }
      case "many": {
        const values = take(kernel.arity);
        const skipped = kernel.acceptsSkipped
          ? undefined
          : values.find((value) => value instanceof Skip);
        stack.push(skipped ?? tag(kernel.run(values)));
        break;
      }
      case "condition": {
        const otherwise = kernel.hasElse ? take(1)[0] : undefined;
        const [test, then] = take(2);
        if (test instanceof Skip) stack.push(test);
        else if (kernel.test(test)) stack.push(then);
        else stack.push(kernel.hasElse ? otherwise : tag(new Skip(kernel.falseReason)));
        break;
      }
      case "expression": {
        const values = take(kernel.inputs.length);
        const skipped = values.find((value) => value instanceof Skip);
        if (skipped || operation.op !== "expression") stack.push(skipped);
        else
          stack.push(
            tag(await runExpression(expressionFor(operation.expression), kernel.inputs, values)),
          );
        break;
      }
    }
  }
  return stack.pop();
}

export type AsyncRecordEvaluator = (
  record: unknown,
  options?: EvaluationOptions,
) => Promise<EvaluationResult>;

/**
 * Like `createEvaluator`, but also computes fields that go through JSONata expression nodes.
 * JSONata 2 only evaluates asynchronously, so this path is async; fields without expressions
 * take the same closures as the synchronous evaluator.
 */
export function createAsyncEvaluator(plan: SyncPlan, direction: Direction): AsyncRecordEvaluator {
  const synchronous = createEvaluator(plan, direction);
  const prepared = prepareDirection(plan, direction);
  const kernels = prepared.targets.map((target) => target.plan.operations.map(operationKernel));
  const expressions = new Map<string, SandboxedExpression>();
  const expressionFor = (source: string) => {
    let compiled = expressions.get(source);
    if (!compiled) {
      compiled = compileSandboxedExpression(source);
      expressions.set(source, compiled);
    }
    return compiled;
  };
  return async (record, options) => {
    const result = synchronous(record, options);
    const onto = isPlainRecord(options?.base);
    if (!result.included) return result;
    const skipped: SkippedField[] = [];
    const asyncFields = new Set<string>();
    for (let i = 0; i < prepared.targets.length; i++) {
      const target = prepared.targets[i];
      if (!target?.needsAsync) continue;
      asyncFields.add(target.plan.field);
      let value: unknown;
      try {
        value = await runProgram(
          target.plan.operations,
          kernels[i] ?? [],
          prepared,
          record,
          expressionFor,
        );
      } catch (error) {
        value = new Skip(`unexpected failure: ${describeExpressionFailure(error)}`);
      }
      const skip = settleField(
        target,
        value,
        result.record,
        onto ? target.writeOnto : target.write,
      );
      if (skip) skipped.push(skip);
    }
    if (asyncFields.size === 0) return result;
    const order = new Map(prepared.targets.map((target, index) => [target.plan.field, index]));
    const merged = [
      ...result.skipped.filter((skip) => !asyncFields.has(skip.field)),
      ...skipped,
    ].sort((x, y) => (order.get(x.field) ?? 0) - (order.get(y.field) ?? 0));
    return { ...result, skipped: merged };
  };
}

/** Evaluates one record with expression support; compiles the direction on every call, so prefer `createAsyncEvaluator` in loops. */
export function evaluateAsync(
  plan: SyncPlan,
  direction: Direction,
  record: unknown,
  options?: EvaluationOptions,
): Promise<EvaluationResult> {
  return createAsyncEvaluator(plan, direction)(record, options);
}
