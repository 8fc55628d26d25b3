import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileMapping } from "./compile-mapping";
import { evaluate } from "./evaluator";
import type { SyncPlan } from "./sync-plan";
import { edge, mappingDocument, node, side } from "../test/mapping-fixtures";
import { singleNodePlan } from "../test/single-node-plan";

const RUNS = { numRuns: 200 };

/** A → B with the drawn transform, then B → A with the derived inverse, gives back `x`. */
function expectRoundTrip(plan: SyncPlan, x: unknown): void {
  const there = evaluate(plan, "aToB", { email: "e", x });
  expect(there.skipped).toEqual([]);
  const back = evaluate(plan, "bToA", there.record);
  expect(back.skipped).toEqual([]);
  expect(back.record.x).toEqual(x);
}

const isoDate = fc
  .date({
    min: new Date("1900-01-01T00:00:00Z"),
    max: new Date("2199-12-31T00:00:00Z"),
    noInvalidDate: true,
  })
  .map((date) => date.toISOString().slice(0, 10));

function splitIntoThreePlan(): SyncPlan {
  const result = compileMapping(
    mappingDocument(
      [
        side("a", ["email", "x"]),
        side("b", ["email", "p1", "p2", "p3"]),
        node("s", "split", { parts: 3, separator: "|" }),
      ],
      [
        edge("a.email", "b.email"),
        edge("a.x", "s.in"),
        edge("s.out1", "b.p1"),
        edge("s.out2", "b.p2"),
        edge("s.out3", "b.p3"),
      ],
    ),
  );
  if (!result.plan) throw new Error(JSON.stringify(result.diagnostics));
  return result.plan;
}

describe("every invertible transform round-trips", () => {
  it("enum map: any one-to-one table", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ minLength: 1 }), { minLength: 1, maxLength: 8 }),
        fc.nat(),
        (values, pick) => {
          const plan = singleNodePlan("enumMap", {
            entries: values.map((value, i) => ({ from: value, to: `to-${i}` })),
          });
          expectRoundTrip(plan, values[pick % values.length]);
        },
      ),
      RUNS,
    );
  });

  it("lookup: any table with distinct values", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer(), { minLength: 1, maxLength: 8 }),
        fc.nat(),
        (keys, pick) => {
          const plan = singleNodePlan(
            "lookup",
            { entries: keys.map((key) => ({ from: key, to: `code-${key}` })) },
            { from: "integer" },
          );
          expectRoundTrip(plan, keys[pick % keys.length]);
        },
      ),
      RUNS,
    );
  });

  it("date format: any target pattern, any real date", () => {
    const plans = ["YYYY-MM-DD", "MM/DD/YYYY", "DD.MM.YYYY", "YYYYMMDD", "DD/MM/YYYY"].map((to) =>
      singleNodePlan("dateFormat", { from: "YYYY-MM-DD", to }, { from: "date" }),
    );
    fc.assert(fc.property(fc.constantFrom(...plans), isoDate, expectRoundTrip), RUNS);
  });

  it("money: any amount in minor units, any representation, any currency exponent", () => {
    const plans = (["decimal-string", "decimal-number", "decimal-with-code"] as const).flatMap(
      (to) =>
        ["USD", "JPY", "KWD"].map((currency) =>
          singleNodePlan(
            "money",
            { from: "minor", to, currency },
            { from: "money", to: to === "decimal-number" ? "number" : "string" },
          ),
        ),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...plans),
        fc.integer({ min: -1e12, max: 1e12 }),
        expectRoundTrip,
      ),
      RUNS,
    );
  });

  it("split ⇄ concat: any text of up to three non-empty parts", () => {
    const plan = splitIntoThreePlan();
    const part = fc.string({ minLength: 1 }).filter((text) => !text.includes("|"));
    fc.assert(
      fc.property(fc.array(part, { minLength: 1, maxLength: 3 }), (parts) =>
        expectRoundTrip(plan, parts.join("|")),
      ),
      RUNS,
    );
  });

  it("default: any present value passes back unchanged", () => {
    const plan = singleNodePlan("default", { value: "n/a" });
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (value) => expectRoundTrip(plan, value)),
      RUNS,
    );
  });
});
