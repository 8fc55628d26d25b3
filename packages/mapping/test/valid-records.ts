import fc from "fast-check";
import type { PlanField, PlanSide } from "../src/sync-plan";

const isoDate = fc
  .date({
    min: new Date("1900-01-01T00:00:00Z"),
    max: new Date("2199-12-31T00:00:00Z"),
    noInvalidDate: true,
  })
  .map((date) => date.toISOString().slice(0, 10));

/** Values a field of this type may hold, leaning towards the shapes transforms parse, plus noise. */
export function fieldValue(field: PlanField): fc.Arbitrary<unknown> {
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
export function validRecord(side: PlanSide): fc.Arbitrary<Record<string, unknown>> {
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
