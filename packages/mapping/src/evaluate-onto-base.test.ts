import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileMapping } from "./compile-mapping";
import { createAsyncEvaluator } from "./evaluate-async";
import { createEvaluator } from "./evaluator";
import { pathReader } from "./record-paths";
import type { SyncPlan } from "./sync-plan";
import { bambooHrGustoTemplate, hrisBenefitDeductionsTemplate } from "./templates";
import { edge, mappingDocument, node, side } from "../test/mapping-fixtures";
import { validRecord } from "../test/valid-records";

function planOf(document: unknown): SyncPlan {
  const { plan, diagnostics } = compileMapping(document);
  if (!plan) throw new Error(JSON.stringify(diagnostics));
  return plan;
}

/** HRIS statuses, one of which ("Active - Probation") the payroll does not tell apart. */
const statusPlan = planOf(
  mappingDocument(
    [
      side("a", [
        "email",
        { id: "status", type: "enum", enumValues: ["Active", "Active - Probation", "On Leave"] },
        { id: "address.city" },
      ]),
      side("b", [
        "email",
        { id: "status", type: "enum", enumValues: ["active", "leave"] },
        { id: "address.city" },
      ]),
      node("statuses", "enumMap", {
        entries: [
          { from: "Active", to: "active" },
          { from: "Active - Probation", to: "active", reverse: false },
          { from: "On Leave", to: "leave" },
        ],
      }),
    ],
    [
      edge("a.status", "statuses.in"),
      edge("statuses.out", "b.status"),
      edge("a.address.city", "b.address.city"),
    ],
  ),
);

describe("evaluating onto a base record", () => {
  const toHris = createEvaluator(statusPlan, "bToA");

  it("keeps every field the plan does not write, and never touches the base", () => {
    const base = {
      email: "old@acme.test",
      status: "Active",
      address: { city: "Berlin", zip: "10115" },
      badgeColour: "green",
      history: [{ at: "2020-01-01" }],
    };
    const snapshot = structuredClone(base);
    const result = toHris(
      { email: "ada@acme.test", status: "leave", address: { city: "Paris" } },
      { base },
    );
    expect(result.record).toEqual({
      // Matched on, not mapped: the plan has no flow into it.
      email: "old@acme.test",
      status: "On Leave",
      address: { city: "Paris", zip: "10115" },
      badgeColour: "green",
      history: [{ at: "2020-01-01" }],
    });
    expect(result.record.history).toBe(base.history);
    expect(base).toEqual(snapshot);
    expect(result.kept).toEqual([]);
  });

  it("keeps the base's value of a field it skips, such as a value with no mapping", () => {
    const result = toHris(
      { email: "ada@acme.test", status: "contractor" },
      { base: { status: "Active" } },
    );
    expect(result.skipped.map((skip) => skip.field)).toContain("status");
    expect(result.record.status).toBe("Active");
    // Without a base the field is simply absent, as before.
    expect(toHris({ email: "ada@acme.test", status: "contractor" }).record).not.toHaveProperty(
      "status",
    );
  });

  it("keeps a raw vendor value that still means what the other side says", () => {
    const base = { email: "ada@acme.test", status: "Active - Probation" };
    const same = toHris({ email: "ada@acme.test", status: "active" }, { base });
    expect(same.record.status).toBe("Active - Probation");
    expect(same.kept).toEqual(["status"]);
    const changed = toHris({ email: "ada@acme.test", status: "leave" }, { base });
    expect(changed.record.status).toBe("On Leave");
    expect(changed.kept).toEqual([]);
  });

  it("leaves the base as it is when a filter excludes the record", () => {
    const plan = planOf(
      mappingDocument(
        [
          side("a", ["email", "kind"]),
          side("b", ["email"]),
          node("only-staff", "filter", { predicate: { test: "equals", value: "staff" } }),
        ],
        [edge("a.kind", "only-staff.in")],
      ),
    );
    const base = { email: "kept@acme.test", note: "x" };
    const result = createEvaluator(plan, "aToB")(
      { email: "new@acme.test", kind: "contractor" },
      { base },
    );
    expect(result.included).toBe(false);
    expect(result.record).toEqual(base);
    expect(result.record).not.toBe(base);
  });

  it("is the same through the asynchronous evaluator", async () => {
    const base = { status: "Active - Probation", extra: 1 };
    const result = await createAsyncEvaluator(statusPlan, "bToA")(
      { email: "ada@acme.test", status: "active" },
      { base },
    );
    expect(result.record).toEqual({ status: "Active - Probation", extra: 1 });
  });
});

/** Anything a vendor may hold beside the mapped fields, nested or not. */
const vendorExtras = fc.dictionary(
  fc.string({ minLength: 1, maxLength: 8 }).filter((key) => key !== "__proto__"),
  fc.jsonValue({ maxDepth: 2 }),
  { maxKeys: 6 },
);

describe("fields not written by the plan are preserved exactly (property)", () => {
  for (const template of [bambooHrGustoTemplate, hrisBenefitDeductionsTemplate]) {
    const plan = planOf(template);
    for (const [direction, source, target] of [
      ["aToB", plan.sides.a, plan.sides.b],
      ["bToA", plan.sides.b, plan.sides.a],
    ] as const) {
      it(`${template.name}, ${direction}`, () => {
        const evaluator = createEvaluator(plan, direction);
        const targetFields = plan[direction].targets.map((t) => t.field);
        const topLevelWritten = new Set(targetFields.map((field) => field.split(".")[0]));
        fc.assert(
          fc.property(
            validRecord(source),
            validRecord(target),
            vendorExtras,
            (record, current, extras) => {
              const base: Record<string, unknown> = { ...extras, ...current };
              const snapshot = structuredClone(base);
              const result = evaluator(record, { base });
              expect(base).toEqual(snapshot);
              for (const key of Object.keys(base)) {
                if (!topLevelWritten.has(key)) expect(result.record[key]).toBe(base[key]);
              }
              const notWritten = new Set([
                ...result.skipped.map((skip) => skip.field),
                ...(result.kept ?? []),
              ]);
              for (const field of targetFields) {
                const read = pathReader(field);
                if (!result.included || notWritten.has(field))
                  expect(read(result.record)).toEqual(read(base));
              }
            },
          ),
          { numRuns: 150 },
        );
      });
    }
  }
});
