import { describe, expect, it } from "vitest";
import { compileMapping, type MappingDocumentInput, MAPPING_FORMAT } from "@tandem/mapping";
import {
  conflictRulesByField,
  resolveConflict,
  resolveConflictAsync,
  type FieldConflict,
  type FieldConflictRule,
} from "./resolve-conflict";

const conflict = (overrides: Partial<FieldConflict> = {}): FieldConflict => ({
  field: "jobTitle",
  base: "Engineer",
  a: "Manager",
  b: "Director",
  changedAt: { a: "2024-05-01T10:00:00Z", b: "2024-05-01T09:00:00Z" },
  ...overrides,
});

const rule = (strategy: FieldConflictRule["strategy"], expression?: string): FieldConflictRule =>
  expression === undefined ? { strategy } : { strategy, expression };

describe("resolveConflict", () => {
  it("a-wins and b-wins pick their side whatever the times", () => {
    expect(resolveConflict(rule("a-wins"), conflict())).toEqual({
      outcome: "side",
      side: "a",
      value: "Manager",
    });
    expect(resolveConflict(rule("b-wins"), conflict())).toEqual({
      outcome: "side",
      side: "b",
      value: "Director",
    });
  });

  it("latest-change picks the later change by the systems' clocks, across time zones", () => {
    expect(resolveConflict(rule("latest-change"), conflict())).toMatchObject({ side: "a" });
    const laterInB = conflict({
      changedAt: { a: "2024-05-01T10:00:00Z", b: "2024-05-01T12:30:00+02:00" },
    });
    expect(resolveConflict(rule("latest-change"), laterInB)).toMatchObject({
      side: "b",
      value: "Director",
    });
  });

  it("latest-change asks an operator when a time is missing or both are equal", () => {
    const missing = resolveConflict(
      rule("latest-change"),
      conflict({ changedAt: { a: null, b: "2024-05-01T09:00:00Z" } }),
    );
    expect(missing).toEqual({
      outcome: "review",
      reason: "latest change wins, but A did not say when it changed the record",
    });
    const tie = conflict({
      changedAt: { a: "2024-05-01T09:00:00Z", b: "2024-05-01T09:00:00.000Z" },
    });
    expect(resolveConflict(rule("latest-change"), tie).outcome).toBe("review");
  });

  it("prefer-non-empty takes the side that holds a value, else the later change", () => {
    expect(resolveConflict(rule("prefer-non-empty"), conflict({ a: null }))).toMatchObject({
      side: "b",
    });
    expect(resolveConflict(rule("prefer-non-empty"), conflict({ b: "" }))).toMatchObject({
      side: "a",
    });
    expect(resolveConflict(rule("prefer-non-empty"), conflict())).toMatchObject({ side: "a" });
  });

  it("manual-review never picks: it says what an operator must decide", () => {
    const resolution = resolveConflict(rule("manual-review"), conflict());
    expect(resolution).toEqual({
      outcome: "review",
      reason:
        'jobTitle changed on both sides (A: "Manager", B: "Director", before: "Engineer") and its rule asks an operator to decide',
    });
  });

  it("refuses an expression synchronously rather than guess", () => {
    expect(() => resolveConflict(rule("expression", '"a"'), conflict())).toThrow(
      /resolveConflictAsync/,
    );
  });
});

describe("resolveConflictAsync with an expression rule", () => {
  it('reads "a", "b" and "review", and takes any other single value as the value', async () => {
    expect(await resolveConflictAsync(rule("expression", '"b"'), conflict())).toMatchObject({
      side: "b",
    });
    expect(
      await resolveConflictAsync(rule("expression", 'a = "Manager" ? "a" : "b"'), conflict()),
    ).toMatchObject({ side: "a" });
    expect((await resolveConflictAsync(rule("expression", '"review"'), conflict())).outcome).toBe(
      "review",
    );
    expect(await resolveConflictAsync(rule("expression", 'a & " / " & b'), conflict())).toEqual({
      outcome: "value",
      value: "Manager / Director",
    });
  });

  it("sees the base value and both change times", async () => {
    const newer = 'aChangedAt > bChangedAt ? "a" : "b"';
    expect(await resolveConflictAsync(rule("expression", newer), conflict())).toMatchObject({
      side: "a",
    });
    expect(await resolveConflictAsync(rule("expression", "base"), conflict())).toEqual({
      outcome: "value",
      value: "Engineer",
    });
  });

  it("parks the change when the expression fails, is forbidden or returns no single value", async () => {
    for (const source of ["$now()", "$error('no')", "[a, b]", "$lookup({}, 'x')", "(("]) {
      const resolution = await resolveConflictAsync(rule("expression", source), conflict());
      expect(resolution.outcome, source).toBe("review");
    }
  });

  it("settles the other strategies like resolveConflict", async () => {
    for (const strategy of [
      "a-wins",
      "b-wins",
      "latest-change",
      "prefer-non-empty",
      "manual-review",
    ] as const)
      expect(await resolveConflictAsync(rule(strategy), conflict())).toEqual(
        resolveConflict(rule(strategy), conflict()),
      );
  });
});

describe("conflictRulesByField", () => {
  it("reads a compiled plan's conflict policies, keyed by one side's field names", () => {
    const document: MappingDocumentInput = {
      format: MAPPING_FORMAT,
      name: "titles",
      settings: { defaultConflictStrategy: "b-wins" },
      nodes: [
        {
          id: "a",
          type: "side",
          position: { x: 0, y: 0 },
          data: {
            side: "a",
            system: "hris",
            entity: "Employee",
            fields: [
              { id: "jobTitle", type: "string" },
              { id: "email", type: "string" },
              { id: "team", type: "string" },
            ],
          },
        },
        {
          id: "b",
          type: "side",
          position: { x: 1, y: 0 },
          data: {
            side: "b",
            system: "payroll",
            entity: "Employee",
            fields: [
              { id: "title", type: "string" },
              { id: "email", type: "string" },
              { id: "dept", type: "string" },
            ],
          },
        },
        {
          id: "review",
          type: "conflictRule",
          position: { x: 2, y: 0 },
          data: { strategy: "manual-review" },
        },
        { id: "key", type: "matchKey", position: { x: 3, y: 0 }, data: {} },
      ],
      edges: [
        { id: "e1", source: "a", sourceHandle: "jobTitle", target: "b", targetHandle: "title" },
        { id: "e2", source: "a", sourceHandle: "team", target: "b", targetHandle: "dept" },
        {
          id: "e3",
          source: "a",
          sourceHandle: "jobTitle",
          target: "review",
          targetHandle: "fields",
        },
        { id: "k1", source: "a", sourceHandle: "email", target: "key", targetHandle: "a" },
        { id: "k2", source: "b", sourceHandle: "email", target: "key", targetHandle: "b" },
      ],
    };
    const { plan, diagnostics } = compileMapping(document);
    if (!plan) throw new Error(JSON.stringify(diagnostics));
    expect(conflictRulesByField(plan, "a")).toEqual(
      new Map([
        ["jobTitle", { strategy: "manual-review", node: "review" }],
        ["team", { strategy: "b-wins" }],
      ]),
    );
    expect([...conflictRulesByField(plan, "b").keys()].sort()).toEqual(["dept", "title"]);
  });
});
