import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileMapping, type MappingDocumentInput, MAPPING_FORMAT } from "@tandem/mapping";
import { EMPLOYMENT_STATUSES, type Employee } from "@tandem/hr-model";
import { decideSync, decideSyncAsync, type SyncDecision } from "./decide-sync";
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
  changedAt: { A: "2024-05-01T10:00:00Z", B: "2024-05-01T09:00:00Z" },
  ...overrides,
});

const rule = (strategy: FieldConflictRule["strategy"], expression?: string): FieldConflictRule =>
  expression === undefined ? { strategy } : { strategy, expression };

describe("resolveConflict", () => {
  it("a-wins and b-wins pick their side whatever the times", () => {
    expect(resolveConflict(rule("a-wins"), conflict())).toEqual({
      outcome: "side",
      side: "A",
      value: "Manager",
    });
    expect(resolveConflict(rule("b-wins"), conflict())).toEqual({
      outcome: "side",
      side: "B",
      value: "Director",
    });
  });

  it("latest-change picks the later change by the systems' clocks, across time zones", () => {
    expect(resolveConflict(rule("latest-change"), conflict())).toMatchObject({ side: "A" });
    const laterInB = conflict({
      changedAt: { A: "2024-05-01T10:00:00Z", B: "2024-05-01T12:30:00+02:00" },
    });
    expect(resolveConflict(rule("latest-change"), laterInB)).toMatchObject({
      side: "B",
      value: "Director",
    });
  });

  it("latest-change asks an operator when a time is missing or both are equal", () => {
    const missing = resolveConflict(
      rule("latest-change"),
      conflict({ changedAt: { A: null, B: "2024-05-01T09:00:00Z" } }),
    );
    expect(missing).toEqual({
      outcome: "review",
      reason: "latest change wins, but A did not say when it changed the record",
    });
    const tie = conflict({
      changedAt: { A: "2024-05-01T09:00:00Z", B: "2024-05-01T09:00:00.000Z" },
    });
    expect(resolveConflict(rule("latest-change"), tie).outcome).toBe("review");
  });

  it("prefer-non-empty takes the side that holds a value, else the later change", () => {
    expect(resolveConflict(rule("prefer-non-empty"), conflict({ a: null }))).toMatchObject({
      side: "B",
    });
    expect(resolveConflict(rule("prefer-non-empty"), conflict({ b: "" }))).toMatchObject({
      side: "A",
    });
    expect(resolveConflict(rule("prefer-non-empty"), conflict())).toMatchObject({ side: "A" });
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
      side: "B",
    });
    expect(
      await resolveConflictAsync(rule("expression", 'a = "Manager" ? "a" : "b"'), conflict()),
    ).toMatchObject({ side: "A" });
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
      side: "A",
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

const ada: Employee = {
  firstName: "Ada",
  lastName: "Lovelace",
  workEmail: "ada@acme.test",
  jobTitle: "Engineer",
  status: "active",
};

describe("decideSync with per-field rules", () => {
  const inA = { ...ada, jobTitle: "Manager", lastName: "King" };
  const inB = { ...ada, jobTitle: "Director" };
  const base = {
    source: "A" as const,
    records: { A: inA, B: inB },
    shadow: ada,
    policy: "A_WINS" as const,
  };

  it("settles a conflict by the field's rule and says which rule node did", () => {
    const decision = decideSync({
      ...base,
      conflictRules: new Map([["jobTitle", { strategy: "latest-change", node: "rule-1" }]]),
      changedAt: { A: "2024-05-01T09:00:00Z", B: "2024-05-01T10:00:00Z" },
    });
    if (decision.kind !== "write") throw new Error(decision.kind);
    expect(decision.merged.jobTitle).toBe("Director");
    expect(decision.decisions.find((d) => d.field === "jobTitle")).toMatchObject({
      rule: "conflict:latest-change",
      ruleNode: "rule-1",
      writeTo: { A: true, B: false },
    });
  });

  it("parks the whole step for review, writing nothing, when a field's rule is manual review", () => {
    const decision = decideSync({
      ...base,
      conflictRules: new Map([["jobTitle", rule("manual-review")]]),
    });
    expect(decision.kind).toBe("review");
    if (decision.kind !== "review") return;
    expect(decision.conflicts).toEqual([
      expect.objectContaining({ field: "jobTitle", a: "Manager", b: "Director", base: "Engineer" }),
    ]);
    expect(decision.decisions.map((d) => d.field)).toEqual(["lastName"]);
  });

  it("uses the policy for fields without a rule, as before", () => {
    const decision = decideSync({
      ...base,
      conflictRules: new Map([["department", rule("b-wins")]]),
    });
    if (decision.kind !== "write") throw new Error(decision.kind);
    expect(decision.decisions.find((d) => d.field === "jobTitle")?.rule).toBe("conflict:A_WINS");
  });

  it("evaluates expression rules in decideSyncAsync", async () => {
    const decision = await decideSyncAsync({
      ...base,
      conflictRules: new Map([["jobTitle", rule("expression", 'b = "Director" ? "b" : "a"')]]),
    });
    if (decision.kind !== "write") throw new Error(decision.kind);
    expect(decision.merged.jobTitle).toBe("Director");
    expect(decision.decisions.find((d) => d.field === "jobTitle")?.rule).toBe(
      "conflict:expression",
    );
  });

  const employee = fc.record({
    firstName: fc.constantFrom("Ada", "Grace", "Alan"),
    lastName: fc.constantFrom("Lovelace", "Hopper", "Turing"),
    jobTitle: fc.option(fc.constantFrom("Engineer", "Manager"), { nil: null }),
    department: fc.option(fc.constantFrom("R&D", "Ops"), { nil: null }),
    status: fc.constantFrom(...EMPLOYMENT_STATUSES),
  });
  const strategy = fc.constantFrom(
    "a-wins",
    "b-wins",
    "latest-change",
    "prefer-non-empty",
    "manual-review" as const,
  );
  const time = fc.option(fc.constantFrom("2024-01-01T00:00:00Z", "2024-06-01T00:00:00Z"), {
    nil: null,
  });

  it("converges under any rules: a review writes nothing, a write leaves both sides suppressed", () => {
    fc.assert(
      fc.property(
        employee,
        employee,
        fc.option(employee, { nil: null }),
        fc.constantFrom("A", "B"),
        fc.dictionary(
          fc.constantFrom("firstName", "lastName", "jobTitle", "department", "status"),
          strategy,
        ),
        time,
        time,
        (a, b, shadow, source: "A" | "B", rules, timeA, timeB) => {
          const conflictRules = new Map(
            Object.entries(rules).map(([field, s]) => [field, rule(s)]),
          );
          const input = {
            records: { A: a, B: b },
            policy: "A_WINS" as const,
            conflictRules,
            changedAt: { A: timeA, B: timeB },
          };
          const decision: SyncDecision = decideSync({ ...input, source, shadow });
          if (decision.kind !== "write") return;
          for (const next of ["A", "B"] as const) {
            const again = decideSync({
              ...input,
              source: next,
              records: { A: decision.merged, B: decision.merged },
              shadow: decision.merged,
            });
            expect(again.kind).toBe("suppressed");
          }
        },
      ),
      { numRuns: 300 },
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
