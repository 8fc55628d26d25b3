import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileMapping } from "./compile-mapping";
import { createAsyncEvaluator } from "./evaluate-async";
import { createEvaluator } from "./evaluator";
import { sideRecordSchema } from "./side-schema";
import type { PlanField, PlanSide, SyncPlan } from "./sync-plan";
import { bambooHrGustoTemplate, hrisBenefitDeductionsTemplate } from "./templates";

const RUNS = { numRuns: 200 };

const isoDate = fc
  .date({
    min: new Date("1900-01-01T00:00:00Z"),
    max: new Date("2199-12-31T00:00:00Z"),
    noInvalidDate: true,
  })
  .map((date) => date.toISOString().slice(0, 10));

/** Values a field of this type may hold, leaning towards the shapes transforms parse, plus noise. */
function fieldValue(field: PlanField): fc.Arbitrary<unknown> {
  if (field.enumValues) return fc.constantFrom(...field.enumValues);
  switch (field.type) {
    case "integer":
    case "money":
    case "basisPoints":
      return fc.integer({ min: -1e12, max: 1e12 });
    case "number":
      return fc.double({ noNaN: true, noDefaultInfinity: true });
    case "boolean":
      return fc.boolean();
    case "date":
      return isoDate;
    case "decimal":
      return fc
        .tuple(fc.nat(), fc.nat({ max: 999 }))
        .map(([whole, fraction]) => `${whole}.${fraction}`);
    default:
      return fc.oneof(
        fc.string(),
        fc.constant("50000.00 USD"),
        fc.constant("12/31/2024"),
        fc.string({ unit: "binary" }),
      );
  }
}

/** Records that pass the side's schema: required fields present, the others present, null or absent. */
function validRecord(side: PlanSide): fc.Arbitrary<Record<string, unknown>> {
  const entries = side.fields.map((field) => {
    const value = field.nullable ? fc.option(fieldValue(field), { nil: null }) : fieldValue(field);
    return fc.tuple(
      fc.constant(field.id),
      field.required ? value : fc.option(value, { nil: undefined }),
    );
  });
  return fc.tuple(...entries).map((pairs) => {
    const record: Record<string, unknown> = {};
    for (const [path, value] of pairs) {
      if (value === undefined) continue;
      const segments = path.split(".");
      const last = segments.pop() ?? path;
      let target = record;
      for (const segment of segments) target = (target[segment] ??= {}) as Record<string, unknown>;
      target[last] = value;
    }
    return record;
  });
}

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
