import { describe, expect, it } from "vitest";
import { compileMapping } from "./compile-mapping";
import { evaluateAsync } from "./evaluate-async";
import { evaluate, fieldOutcomes } from "./evaluator";
import { matchKeyValues } from "./match-key-values";
import type { SyncPlan } from "./sync-plan";
import { edge, mappingDocument, node, side } from "../test/mapping-fixtures";
import { singleNodePlan } from "../test/single-node-plan";

const forward = (plan: SyncPlan, x: unknown) => evaluate(plan, "aToB", { email: "e@x.io", x });
const backward = (plan: SyncPlan, y: unknown) => evaluate(plan, "bToA", { email: "e@x.io", y });

function compiled(document: unknown): SyncPlan {
  const result = compileMapping(document);
  if (!result.plan) throw new Error(JSON.stringify(result.diagnostics));
  return result.plan;
}

describe("rename (a plain edge)", () => {
  it("copies the value both ways and leaves absent fields alone", () => {
    const plan = compiled(
      mappingDocument(
        [side("a", ["email", "x"]), side("b", ["email", "y"])],
        [edge("a.email", "b.email"), edge("a.x", "b.y")],
      ),
    );
    expect(evaluate(plan, "aToB", { email: "e", x: "v" }).record).toEqual({ email: "e", y: "v" });
    expect(evaluate(plan, "bToA", { email: "e", y: null }).record).toEqual({ email: "e", x: null });
    const result = evaluate(plan, "aToB", { email: "e" });
    expect(result.record).toEqual({ email: "e" });
    expect(result.skipped).toEqual([
      { field: "y", reason: expect.stringContaining("does not carry") as string },
    ]);
  });
});

describe("enumMap", () => {
  const data = {
    entries: [
      { from: "Active", to: "active" },
      { from: "Inactive", to: "terminated" },
    ],
  };
  it("maps both ways and says why an unmapped value is skipped", () => {
    const plan = singleNodePlan("enumMap", data);
    expect(forward(plan, "Active").record.y).toBe("active");
    expect(backward(plan, "terminated").record.x).toBe("Inactive");
    expect(forward(plan, null).record.y).toBeNull();
    expect(forward(plan, "Retired").skipped[0]).toMatchObject({
      field: "y",
      node: "n",
      operationIndex: 1,
      reason: expect.stringContaining('"Retired"') as string,
    });
  });
  it("can pass unmapped values through or replace them", () => {
    expect(
      forward(
        singleNodePlan("enumMap", { ...data, unmapped: { action: "passthrough" } }),
        "Retired",
      ).record.y,
    ).toBe("Retired");
    expect(
      forward(
        singleNodePlan("enumMap", { ...data, unmapped: { action: "value", value: "other" } }),
        "Retired",
      ).record.y,
    ).toBe("other");
  });
  it("inverts a many-to-one map once all but one entry are marked not to reverse", () => {
    const ambiguous = [
      { from: "Full", to: "ft" },
      { from: "Fulltime", to: "ft" },
    ];
    const refused = compileMapping(
      mappingDocument(
        [
          side("a", ["email", "x"]),
          side("b", ["email", "y"]),
          node("n", "enumMap", { entries: ambiguous }),
        ],
        [edge("a.email", "b.email"), edge("a.x", "n.in"), edge("n.out", "b.y")],
      ),
    );
    expect(refused.diagnostics.find((d) => d.code === "not-invertible")?.message).toContain(
      '"reverse": false',
    );
    const entries = [
      { from: "Full", to: "ft" },
      { from: "Fulltime", to: "ft", reverse: false },
    ];
    expect(backward(singleNodePlan("enumMap", { entries }), "ft").record.x).toBe("Full");
  });
});

describe("lookup", () => {
  it("looks values up by type and value", () => {
    const plan = singleNodePlan(
      "lookup",
      {
        entries: [
          { from: 1, to: "one" },
          { from: "1", to: "string one" },
        ],
      },
      { from: "integer" },
    );
    expect(forward(plan, 1).record.y).toBe("one");
    expect(backward(plan, "string one").record.x).toBe("1");
  });
});

describe("dateFormat", () => {
  const plan = singleNodePlan(
    "dateFormat",
    { from: "MM/DD/YYYY", to: "YYYY-MM-DD" },
    { to: "date" },
  );
  it("converts both ways", () => {
    expect(forward(plan, "02/29/2024").record.y).toBe("2024-02-29");
    expect(backward(plan, "2024-12-31").record.x).toBe("12/31/2024");
  });
  it("skips dates that do not exist or do not fit the pattern, saying which", () => {
    expect(forward(plan, "02/29/2023").skipped[0]?.reason).toContain(
      "not a valid date written MM/DD/YYYY",
    );
    expect(forward(plan, "2024-02-01").skipped).toHaveLength(1);
    expect(forward(plan, 20240201).skipped[0]?.reason).toContain("expected a date");
  });
});

describe("money", () => {
  it("converts minor units to a decimal string and back, per currency", () => {
    const usd = singleNodePlan(
      "money",
      { from: "minor", to: "decimal-string", currency: "USD" },
      { from: "money", to: "decimal" },
    );
    expect(forward(usd, 6000050).record.y).toBe("60000.50");
    expect(forward(usd, -5).record.y).toBe("-0.05");
    expect(backward(usd, "12.3").record.x).toBe(1230);
    expect(backward(usd, "1.005").skipped[0]?.reason).toContain("more than 2 decimals");
    const jpy = singleNodePlan(
      "money",
      { from: "minor", to: "decimal-string", currency: "JPY" },
      { from: "money", to: "decimal" },
    );
    expect(forward(jpy, 1500).record.y).toBe("1500");
  });
  it("reads and writes numbers and amounts with a currency code", () => {
    const coded = singleNodePlan(
      "money",
      { from: "decimal-with-code", to: "decimal-number", currency: "USD" },
      { to: "number" },
    );
    expect(forward(coded, "50.25 USD").record.y).toBe(50.25);
    expect(forward(coded, "50.25 EUR").skipped[0]?.reason).toContain('"123.45 USD"');
    expect(backward(coded, 7).record.x).toBe("7.00 USD");
  });
});

describe("concat and split", () => {
  const document = mappingDocument(
    [
      side("a", ["email", "first", "last"]),
      side("b", ["email", "name"]),
      node("c", "concat", { inputs: 2, separator: " " }),
    ],
    [
      edge("a.email", "b.email"),
      edge("a.first", "c.in1"),
      edge("a.last", "c.in2"),
      edge("c.out", "b.name"),
    ],
  );
  const plan = compiled(document);
  it("joins non-empty parts and splits them back", () => {
    expect(evaluate(plan, "aToB", { email: "e", first: "Ada", last: "Lovelace" }).record.name).toBe(
      "Ada Lovelace",
    );
    expect(evaluate(plan, "aToB", { email: "e", first: "Ada", last: null }).record.name).toBe(
      "Ada",
    );
    expect(evaluate(plan, "bToA", { email: "e", name: "Mary Ann Evans" }).record).toEqual({
      email: "e",
      first: "Mary",
      last: "Ann Evans",
    });
    expect(evaluate(plan, "bToA", { email: "e", name: "Cher" }).record).toEqual({
      email: "e",
      first: "Cher",
      last: null,
    });
  });
});

describe("constant, default, coalesce, condition", () => {
  it("constant writes the same value whatever the record", () => {
    const plan = compiled(
      mappingDocument(
        [
          side("a", ["email", "country"]),
          side("b", ["email"]),
          node("k", "constant", { value: "US" }),
        ],
        [edge("a.email", "b.email"), edge("k.out", "a.country")],
      ),
    );
    expect(evaluate(plan, "bToA", { email: "e" }).record).toEqual({ email: "e", country: "US" });
  });
  it("default fills empty values", () => {
    const plan = singleNodePlan("default", { value: "n/a" });
    expect(forward(plan, "").record.y).toBe("n/a");
    expect(forward(plan, undefined).record.y).toBe("n/a");
    expect(forward(plan, "v").record.y).toBe("v");
  });
  it("coalesce takes the first value present", () => {
    const plan = compiled(
      mappingDocument(
        [
          side("a", ["email", "preferred", "first"]),
          side("b", ["email", "name"]),
          node("co", "coalesce", { inputs: 2 }),
        ],
        [
          edge("a.email", "b.email"),
          edge("a.preferred", "co.in1"),
          edge("a.first", "co.in2"),
          edge("co.out", "b.name", { oneWay: true }),
        ],
      ),
    );
    expect(evaluate(plan, "aToB", { email: "e", preferred: "", first: "Ada" }).record.name).toBe(
      "Ada",
    );
    expect(
      evaluate(plan, "aToB", { email: "e", preferred: "Addie", first: "Ada" }).record.name,
    ).toBe("Addie");
    expect(evaluate(plan, "aToB", { email: "e", preferred: null }).record.name).toBeNull();
  });
  it("condition picks a branch, and without an else skips with the reason", () => {
    const build = (withElse: boolean) =>
      compiled(
        mappingDocument(
          [
            side("a", ["email", "type", "title"]),
            side("b", ["email", "title"]),
            node("if", "condition", { predicate: { test: "in", values: ["employee"] } }),
            node("k", "constant", { value: "Contractor" }),
          ],
          [
            edge("a.email", "b.email"),
            edge("a.type", "if.test"),
            edge("a.title", "if.then"),
            ...(withElse ? [edge("k.out", "if.else")] : []),
            edge("if.out", "b.title", { oneWay: true }),
          ],
        ),
      );
    expect(
      evaluate(build(true), "aToB", { email: "e", type: "employee", title: "Engineer" }).record
        .title,
    ).toBe("Engineer");
    expect(
      evaluate(build(true), "aToB", { email: "e", type: "vendor", title: "Engineer" }).record.title,
    ).toBe("Contractor");
    const skipped = evaluate(build(false), "aToB", {
      email: "e",
      type: "vendor",
      title: "Engineer",
    }).skipped[0];
    expect(skipped).toMatchObject({
      field: "title",
      node: "if",
      reason: expect.stringContaining("no else branch") as string,
    });
  });
});

describe("filter", () => {
  it("excludes records of its side in its direction only", () => {
    const plan = compiled(
      mappingDocument(
        [
          side("a", ["email", "type"]),
          side("b", ["email"]),
          node("f", "filter", { predicate: { test: "notEquals", value: "contractor" } }),
        ],
        [edge("a.email", "b.email"), edge("a.type", "f.in")],
      ),
    );
    const excluded = evaluate(plan, "aToB", { email: "e", type: "contractor" });
    expect(excluded).toMatchObject({
      included: false,
      excludedBy: { node: "f", field: "type" },
      record: {},
    });
    expect(evaluate(plan, "aToB", { email: "e", type: "employee" }).included).toBe(true);
    expect(evaluate(plan, "bToA", { email: "e" }).included).toBe(true);
  });
});

describe("expression", () => {
  const plan = (expression: string) =>
    compiled(
      mappingDocument(
        [
          side("a", ["email", "phone"]),
          side("b", ["email", "phone"]),
          node("x", "expression", { expression, inputs: ["phone"] }),
        ],
        [
          edge("a.email", "b.email"),
          edge("a.phone", "x.phone"),
          edge("x.out", "b.phone", { oneWay: true }),
        ],
      ),
    );
  it("runs in evaluateAsync; the synchronous evaluator skips it and says so", async () => {
    const digits = plan('$replace(phone, /[^0-9]/, "")');
    expect(
      evaluate(digits, "aToB", { email: "e", phone: "(555) 123" }).skipped[0]?.reason,
    ).toContain("evaluateAsync");
    const result = await evaluateAsync(digits, "aToB", { email: "e", phone: "(555) 123" });
    expect(result.record).toEqual({ email: "e", phone: "555123" });
    expect(result.skipped).toEqual([]);
  });
  it("gives no value for an input the record lacks, as JSONata does for a missing path", async () => {
    const digits = plan('$replace(phone, /[^0-9]/, "")');
    for (const record of [{ email: "e", phone: null }, { email: "e" }]) {
      const result = await evaluateAsync(digits, "aToB", record);
      expect(result.skipped).toEqual([]);
      expect(result.record).toEqual({ email: "e", phone: null });
    }
  });
  it("bounds evaluation time and refuses results that are not one value", async () => {
    const looping = await evaluateAsync(
      plan("($f := function($n) { $f($n + 1) }; $f(0))"),
      "aToB",
      { email: "e", phone: "1" },
    );
    expect(looping.skipped[0]?.reason).toMatch(/expression failed/);
    const list = await evaluateAsync(plan("[phone, phone]"), "aToB", { email: "e", phone: "1" });
    expect(list.skipped[0]?.reason).toContain("single value");
  });
  it("says what a JSONata error says, not [object Object]", async () => {
    // JSONata throws plain objects ({ code, message, position }), not Error instances.
    const failing = await evaluateAsync(plan('phone + "x"'), "aToB", { email: "e", phone: "1" });
    const reason = failing.skipped[0]?.reason ?? "";
    expect(reason).not.toContain("[object Object]");
    expect(reason).toMatch(/the expression failed: .*T2001.*number/);
  });
});

describe("matchKey and conflictRule", () => {
  it("normalizes match values per key", () => {
    const plan = compiled(
      mappingDocument([side("a", ["email"]), side("b", ["email"])], [edge("a.email", "b.email")]),
    );
    expect(matchKeyValues(plan, "a", { email: "  Ada@Example.COM " })).toEqual([
      { priority: 0, value: '["ada@example.com"]' },
    ]);
    expect(matchKeyValues(plan, "b", { email: "" })).toEqual([]);
  });
  it("attaches a rule's expression to the policy", () => {
    const plan = compiled(
      mappingDocument(
        [
          side("a", ["email"]),
          side("b", ["email"]),
          node("r", "conflictRule", {
            strategy: "expression",
            expression: 'a.modifiedAt > b.modifiedAt ? "a" : "b"',
          }),
        ],
        [edge("a.email", "b.email"), edge("a.email", "r.fields")],
      ),
    );
    expect(plan.conflicts[0]).toMatchObject({
      strategy: "expression",
      node: "r",
      expression: expect.stringContaining("modifiedAt") as string,
    });
  });
});

describe("fieldOutcomes", () => {
  it("lists every target with the operations that computed it", () => {
    const plan = singleNodePlan("enumMap", { entries: [{ from: "A", to: "a" }] });
    const outcomes = fieldOutcomes(plan, forward(plan, "Z"));
    expect(outcomes.map((outcome) => [outcome.field, outcome.status])).toEqual([
      ["email", "written"],
      ["y", "skipped"],
    ]);
    expect(outcomes[1]?.operations.map((operation) => operation.op)).toEqual(["read", "map"]);
  });
});
