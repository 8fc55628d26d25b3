import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileMapping } from "./compile-mapping";
import { buildEvaluationStep } from "./evaluation-step";
import { prepareDirection, settleField, type SkippedField } from "./evaluator";
import { generatedFieldWriter } from "./generated-field-writer";
import type { Direction, SyncPlan } from "./sync-plan";
import { bambooHrGustoTemplate, hrisBenefitDeductionsTemplate } from "./templates";
import { validRecord } from "../test/valid-records";

function planOf(document: unknown): SyncPlan {
  const { plan, diagnostics } = compileMapping(document);
  if (!plan) throw new Error(JSON.stringify(diagnostics));
  return plan;
}

/** The plain definition: each target's closure run on its own, settled in plan order. */
function reference(plan: SyncPlan, direction: Direction) {
  const prepared = prepareDirection(plan, direction);
  const steps = prepared.targets.map((t) =>
    buildEvaluationStep(t.plan.operations, prepared.readerOf),
  );
  return (record: unknown) => {
    const output: Record<string, unknown> = {};
    const skipped: SkippedField[] = [];
    prepared.targets.forEach((target, index) => {
      const skip = settleField(target, steps[index]?.(record), output);
      if (skip) skipped.push(skip);
    });
    return { output, skipped };
  };
}

function generated(plan: SyncPlan, direction: Direction) {
  const prepared = prepareDirection(plan, direction);
  const steps = prepared.targets.map((t) =>
    buildEvaluationStep(t.plan.operations, prepared.readerOf),
  );
  const write = generatedFieldWriter(
    prepared.targets.map((t) => t.plan),
    steps,
    prepared.readerOf,
  );
  if (!write) throw new Error("code generation is unavailable");
  return (record: unknown) => {
    const skipped: SkippedField[] = [];
    const output = write(
      record,
      (index, value, o, list) => {
        const target = prepared.targets[index];
        if (target)
          list.push(settleField(target, value, o) ?? { field: target.plan.field, reason: "" });
      },
      skipped,
      null,
      prepared.targets.map((target) => target.write),
    );
    return { output, skipped };
  };
}

describe("generated field writer", () => {
  for (const template of [bambooHrGustoTemplate, hrisBenefitDeductionsTemplate]) {
    const plan = planOf(template);
    for (const [direction, side] of [
      ["aToB", plan.sides.a],
      ["bToA", plan.sides.b],
    ] as const) {
      it(`writes what running each field's closure writes: ${template.name}, ${direction}`, () => {
        const expected = reference(plan, direction);
        const actual = generated(plan, direction);
        fc.assert(
          fc.property(fc.oneof(validRecord(side), fc.anything()), (record) => {
            const want = expected(record);
            const got = actual(record);
            expect(got.output).toEqual(want.output);
            expect(Object.keys(got.output)).toEqual(Object.keys(want.output));
            expect(got.skipped).toEqual(want.skipped);
          }),
          { numRuns: 200 },
        );
      });
    }
  }
});
