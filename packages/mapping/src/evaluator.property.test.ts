import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileMapping } from "./compile-mapping";
import { createAsyncEvaluator } from "./evaluate-async";
import { createEvaluator } from "./evaluator";
import { sideRecordSchema } from "./side-schema";
import type { SyncPlan } from "./sync-plan";
import { bambooHrGustoTemplate, hrisBenefitDeductionsTemplate } from "./templates";
import { validRecord } from "../test/valid-records";

const RUNS = { numRuns: 200 };

function planOf(document: unknown): SyncPlan {
  const { plan, diagnostics } = compileMapping(document);
  if (!plan) throw new Error(JSON.stringify(diagnostics));
  return plan;
}

describe("the evaluator never throws on a schema-valid record", () => {
  for (const template of [bambooHrGustoTemplate, hrisBenefitDeductionsTemplate]) {
    const plan = planOf(template);
    for (const [direction, side] of [
      ["aToB", plan.sides.a],
      ["bToA", plan.sides.b],
    ] as const) {
      it(`${template.name}, ${direction}`, () => {
        const evaluator = createEvaluator(plan, direction);
        const schema = sideRecordSchema(side);
        fc.assert(
          fc.property(validRecord(side), (record) => {
            expect(schema.safeParse(record).success).toBe(true);
            const result = evaluator(record);
            const targets = plan[direction].targets.length;
            if (result.included)
              expect(Object.keys(result.record).length).toBeLessThanOrEqual(targets);
          }),
          RUNS,
        );
      });
    }
  }

  it("nor on anything else, synchronously or not", async () => {
    const plan = planOf(bambooHrGustoTemplate);
    const evaluator = createEvaluator(plan, "aToB");
    const asyncEvaluator = createAsyncEvaluator(plan, "aToB");
    await fc.assert(
      fc.asyncProperty(fc.anything(), async (value) => {
        expect(() => evaluator(value)).not.toThrow();
        await expect(asyncEvaluator(value)).resolves.toBeDefined();
      }),
      { numRuns: 100 },
    );
  });
});
