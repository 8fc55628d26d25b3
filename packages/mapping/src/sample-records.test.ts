import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileMapping } from "./compile-mapping";
import { evaluate } from "./evaluator";
import { generateSampleRecords, projectRecord } from "./sample-records";
import { sideRecordSchema } from "./side-schema";
import { bambooHrGustoTemplate, hrisBenefitDeductionsTemplate } from "./templates";

const plans = [bambooHrGustoTemplate, hrisBenefitDeductionsTemplate].map((template) => {
  const { plan } = compileMapping(template);
  if (!plan) throw new Error(`template ${template.id} does not compile`);
  return plan;
});

describe("generateSampleRecords", () => {
  it("gives the same records for the same fields and seed", () => {
    const fields = plans[0]!.sides.a.fields;
    expect(generateSampleRecords(fields, { count: 3, seed: 7 })).toEqual(
      generateSampleRecords(fields, { count: 3, seed: 7 }),
    );
    expect(generateSampleRecords(fields, { count: 3, seed: 7 })).not.toEqual(
      generateSampleRecords(fields, { count: 3, seed: 8 }),
    );
  });

  it("makes records that satisfy each side's schema (property)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...plans),
        fc.constantFrom("a" as const, "b" as const),
        fc.integer({ min: 0, max: 1_000_000 }),
        (plan, side, seed) => {
          const schema = sideRecordSchema(plan.sides[side]);
          for (const sample of generateSampleRecords(plan.sides[side].fields, { count: 3, seed }))
            expect(schema.safeParse(sample.record).error?.issues ?? []).toEqual([]);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("keeps a record's name and work email consistent, and the mapping can evaluate it", () => {
    const plan = plans[0]!;
    const [sample] = generateSampleRecords(plan.sides.a.fields, { count: 1, seed: 3 });
    if (!sample) throw new Error("no sample");
    const { firstName, lastName, workEmail } = sample.record as Record<string, string>;
    expect(sample.label).toBe(`${firstName} ${lastName}`);
    expect(workEmail).toBe(`${firstName}.${lastName}@acme.example`.toLowerCase());
    const results = generateSampleRecords(plan.sides.a.fields, { count: 5, seed: 3 }).map(
      (record) => ({ record, result: evaluate(plan, "aToB", record.record) }),
    );
    const included = results.filter(({ result }) => result.included);
    expect(included.length).toBeGreaterThan(0);
    for (const { record, result } of included)
      expect(result.record.first_name).toBe(record.record.firstName);
  });
});

describe("projectRecord", () => {
  it("keeps only the side's field paths, nested as in the payload", () => {
    const raw = { first_name: "Ada", ssn: "123", job: { title: "Engineer", rate: 1 } };
    expect(projectRecord(raw, ["first_name", "job.title", "missing.path"])).toEqual({
      first_name: "Ada",
      job: { title: "Engineer" },
    });
  });
});
