import { describe, expect, it } from "vitest";
import { compileMapping } from "./compile-mapping";
import type { DiagnosticCode } from "./diagnostic";
import type { SyncPlan } from "./sync-plan";
import { edge, mappingDocument, node, side } from "../test/mapping-fixtures";

function compiled(document: unknown): SyncPlan {
  const result = compileMapping(document);
  if (!result.plan) throw new Error(`expected a plan, got ${JSON.stringify(result.diagnostics)}`);
  return result.plan;
}

function find(document: unknown, code: DiagnosticCode) {
  return compileMapping(document).diagnostics.find((diagnostic) => diagnostic.code === code);
}

const email = edge("a.email", "b.email");

describe("compileMapping", () => {
  it("compiles per direction, per target field, a postfix program", () => {
    const plan = compiled(
      mappingDocument(
        [
          side("a", ["email", "first", "last"]),
          side("b", ["email", "name"]),
          node("c", "concat", { inputs: 2, separator: " " }),
        ],
        [email, edge("a.first", "c.in1"), edge("a.last", "c.in2"), edge("c.out", "b.name")],
      ),
    );
    expect(plan.aToB.targets.find((target) => target.field === "name")?.operations).toEqual([
      { op: "read", node: "a", field: "first" },
      { op: "read", node: "a", field: "last" },
      { op: "concat", node: "c", arity: 2, separator: " " },
    ]);
    expect(plan.bToA.targets.map((target) => [target.field, target.origin])).toEqual([
      ["email", "derived"],
      ["first", "derived"],
      ["last", "derived"],
    ]);
    expect(plan.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it("reports type mismatches at the node and edge", () => {
    const money = node("m", "money", { from: "minor", to: "decimal-string", currency: "USD" });
    const document = mappingDocument(
      [
        side("a", ["email", { id: "rate", type: "string" }]),
        side("b", ["email", { id: "pay", type: "decimal" }]),
        money,
      ],
      [email, edge("a.rate", "m.in", { id: "into-money" }), edge("m.out", "b.pay")],
    );
    expect(find(document, "type-mismatch")).toMatchObject({ nodeId: "m", edgeId: "into-money" });
    const toNumber = mappingDocument(
      [side("a", ["email", "name"]), side("b", ["email", { id: "n", type: "integer" }])],
      [email, edge("a.name", "b.n")],
    );
    expect(find(toNumber, "type-mismatch")).toMatchObject({ field: "b.n" });
  });

  it("reports required target fields nothing writes", () => {
    const document = mappingDocument(
      [side("a", ["email"]), side("b", ["email", { id: "ssn", required: true }])],
      [email],
    );
    expect(find(document, "unmapped-required-field")).toMatchObject({
      field: "b.ssn",
      nodeId: "b",
    });
  });

  it("warns about enum values with no mapping and refuses values the target does not accept", () => {
    const map = node("m", "enumMap", {
      entries: [
        { from: "Active", to: "active" },
        { from: "Gone", to: "terminated" },
      ],
    });
    const document = mappingDocument(
      [
        side("a", [
          "email",
          { id: "status", type: "enum", enumValues: ["Active", "Leave", "Gone"] },
        ]),
        side("b", ["email", { id: "status", type: "enum", enumValues: ["active", "leave"] }]),
        map,
      ],
      [email, edge("a.status", "m.in"), edge("m.out", "b.status")],
    );
    const diagnostics = compileMapping(document).diagnostics;
    expect(diagnostics.find((d) => d.code === "enum-value-unmapped")).toMatchObject({
      severity: "warning",
      nodeId: "m",
    });
    expect(diagnostics.find((d) => d.code === "enum-value-unknown")?.message).toContain(
      '"terminated"',
    );
  });

  it("finds cycles", () => {
    const document = mappingDocument(
      [
        side("a", ["email", "x"]),
        side("b", ["email", "y"]),
        node("d1", "default", { value: "a" }),
        node("d2", "default", { value: "b" }),
      ],
      [email, edge("d1.out", "d2.in"), edge("d2.out", "d1.in"), edge("d1.out", "b.y")],
    );
    expect(find(document, "cycle")?.message).toMatch(/d1 → d2 → d1|d2 → d1 → d2/);
  });

  describe("two-way fields", () => {
    const coalesceDocument = (options: { oneWay?: boolean; reverse?: boolean }) =>
      mappingDocument(
        [
          side("a", ["email", "preferred", "first"]),
          side("b", ["email", "name"]),
          node("co", "coalesce", { inputs: 2 }),
        ],
        [
          email,
          edge("a.preferred", "co.in1"),
          edge("a.first", "co.in2"),
          edge("co.out", "b.name", { oneWay: options.oneWay ?? false }),
          ...(options.reverse ? [edge("b.name", "a.first"), edge("b.name", "a.preferred")] : []),
        ],
      );

    it("refuses a non-invertible two-way transform with no reverse drawn", () => {
      expect(find(coalesceDocument({}), "not-invertible")).toMatchObject({
        nodeId: "co",
        hint: expect.stringContaining("one-way") as string,
      });
    });

    it("accepts it once marked one-way or given a drawn reverse", () => {
      expect(compiled(coalesceDocument({ oneWay: true })).bToA.targets.map((t) => t.field)).toEqual(
        ["email"],
      );
      const plan = compiled(coalesceDocument({ reverse: true }));
      expect(plan.bToA.targets.map((t) => [t.field, t.origin])).toEqual([
        ["email", "derived"],
        ["first", "drawn"],
        ["preferred", "drawn"],
      ]);
    });

    it("refuses a split whose parts are not all mapped back", () => {
      const document = mappingDocument(
        [
          side("a", ["email", "full"]),
          side("b", ["email", "first"]),
          node("s", "split", { parts: 2, separator: " " }),
        ],
        [email, edge("a.full", "s.in"), edge("s.out1", "b.first")],
      );
      expect(find(document, "not-invertible")?.message).toContain('output "out2"');
    });

    it("refuses a field whose reverse would be written by two flows", () => {
      const document = mappingDocument(
        [side("a", ["email"]), side("b", ["email", "login"])],
        [email, edge("a.email", "b.login")],
      );
      expect(find(document, "field-written-twice")).toMatchObject({ field: "a.email" });
    });
  });

  it("compiles conflict policies, with the default where no rule is attached", () => {
    const document = mappingDocument(
      [
        side("a", ["email", "title", "note"]),
        side("b", ["email", "title", "note"]),
        node("r", "conflictRule", { strategy: "a-wins" }),
      ],
      [
        email,
        edge("a.title", "b.title"),
        edge("a.note", "b.note", { oneWay: true }),
        edge("a.title", "r.fields"),
        edge("b.note", "r.fields"),
      ],
    );
    const result = compileMapping(document);
    expect(result.plan?.conflicts).toEqual([
      { a: ["email"], b: ["email"], strategy: "latest-change" },
      { a: ["title"], b: ["title"], strategy: "a-wins", node: "r" },
    ]);
    expect(
      result.diagnostics.find((d) => d.code === "conflict-rule-on-one-way-field"),
    ).toMatchObject({ field: "b.note" });
  });

  it("refuses two conflict rules on the same fields", () => {
    const document = mappingDocument(
      [
        side("a", ["email"]),
        side("b", ["email"]),
        node("r1", "conflictRule", { strategy: "a-wins" }),
        node("r2", "conflictRule", { strategy: "b-wins" }),
      ],
      [email, edge("a.email", "r1.fields"), edge("b.email", "r2.fields")],
    );
    expect(find(document, "conflicting-conflict-rules")).toBeDefined();
  });

  it("requires match keys and groups them by priority", () => {
    const bare = mappingDocument([side("a", ["email"]), side("b", ["email"])], [email], {
      matchKey: false,
    });
    expect(find(bare, "missing-match-keys")?.severity).toBe("error");
    const plan = compiled(
      mappingDocument(
        [
          side("a", ["email", "number"]),
          side("b", ["email", "code"]),
          node("k2", "matchKey", { normalize: "digits-only", priority: 1 }),
        ],
        [email, edge("a.number", "k2.a"), edge("b.code", "k2.b")],
      ),
    );
    expect(plan.matchKeys).toEqual([
      {
        priority: 0,
        fields: [{ a: "email", b: "email", normalize: "case-insensitive", node: "key" }],
      },
      { priority: 1, fields: [{ a: "number", b: "code", normalize: "digits-only", node: "k2" }] },
    ]);
  });

  it("puts each filter on the direction its field leaves from", () => {
    const plan = compiled(
      mappingDocument(
        [
          side("a", ["email", "type"]),
          side("b", ["email"]),
          node("f", "filter", { predicate: { test: "notEquals", value: "contractor" } }),
        ],
        [email, edge("a.type", "f.in")],
      ),
    );
    expect(plan.aToB.filters).toEqual([
      { node: "f", field: "type", predicate: { test: "notEquals", value: "contractor" } },
    ]);
    expect(plan.bToA.filters).toEqual([]);
  });

  it("caps flows that share nodes so much they would explode", () => {
    const nodes = [side("a", ["email", "x"]), side("b", ["email", "y"])];
    const edges = [email, edge("a.x", "c0.in1"), edge("a.x", "c0.in2")];
    for (let i = 0; i < 30; i++) {
      nodes.push(node(`c${i}`, "concat", { inputs: 2, separator: "" }));
      if (i > 0) edges.push(edge(`c${i - 1}.out`, `c${i}.in1`), edge(`c${i - 1}.out`, `c${i}.in2`));
    }
    edges.push(edge("c29.out", "b.y", { oneWay: true }));
    const started = performance.now();
    expect(find(mappingDocument(nodes, edges), "invalid-document")?.message).toContain("more than");
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
