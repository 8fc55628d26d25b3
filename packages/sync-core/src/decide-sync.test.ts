import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EMPLOYMENT_STATUSES, type Employee } from "@tandem/hr-model";
import { decideSync, type SyncDecision } from "./decide-sync";
import { recordWorkflowId, writeIdempotencyKey } from "./identifiers";

const ada: Employee = {
  firstName: "Ada",
  lastName: "Lovelace",
  workEmail: "ada@acme.test",
  jobTitle: "Engineer",
  status: "active",
};

function written(decision: SyncDecision) {
  if (decision.kind !== "write") throw new Error(`expected a write, got: ${decision.reason}`);
  return decision;
}

describe("decideSync", () => {
  it("creates the record on the other side when the pair is new", () => {
    const decision = written(
      decideSync({ source: "A", records: { A: ada, B: null }, shadow: null, policy: "A_WINS" }),
    );
    expect(decision.write).toEqual({ A: false, B: true });
    expect(decision.merged).toEqual(ada);
  });

  it("suppresses a change that matches the shadow (a duplicate or our own echo)", () => {
    const decision = decideSync({
      source: "B",
      records: { A: ada, B: ada },
      shadow: ada,
      policy: "A_WINS",
    });
    expect(decision.kind).toBe("suppressed");
  });

  it("writes a one-sided change to the other side only", () => {
    const promoted = { ...ada, jobTitle: "Staff Engineer" };
    const decision = written(
      decideSync({ source: "A", records: { A: promoted, B: ada }, shadow: ada, policy: "B_WINS" }),
    );
    expect(decision.write).toEqual({ A: false, B: true });
    expect(decision.decisions).toEqual([
      {
        field: "jobTitle",
        before: "Engineer",
        after: "Staff Engineer",
        rule: "A-changed",
        writeTo: { A: false, B: true },
      },
    ]);
  });

  it("settles a field changed on both sides by the policy and writes the loser back", () => {
    const inA = { ...ada, jobTitle: "Manager" };
    const inB = { ...ada, jobTitle: "Director" };
    const decision = written(
      decideSync({ source: "B", records: { A: inA, B: inB }, shadow: ada, policy: "A_WINS" }),
    );
    expect(decision.merged.jobTitle).toBe("Manager");
    expect(decision.decisions[0]?.rule).toBe("conflict:A_WINS");
    expect(decision.write).toEqual({ A: false, B: true });
  });

  it("carries the other side's unsynced change back instead of dropping it", () => {
    const inA = { ...ada, lastName: "King" };
    const inB = { ...ada, jobTitle: "Director" };
    const decision = written(
      decideSync({ source: "A", records: { A: inA, B: inB }, shadow: ada, policy: "A_WINS" }),
    );
    expect(decision.merged).toMatchObject({ lastName: "King", jobTitle: "Director" });
    expect(decision.write).toEqual({ A: true, B: true });
  });

  it("ignores fields a side cannot write faithfully, so they never bounce back", () => {
    const readBack = { ...ada, jobTitle: null, status: "pending" as const };
    const decision = decideSync({
      source: "B",
      records: { A: ada, B: readBack },
      shadow: ada,
      policy: "A_WINS",
      fields: ["firstName", "lastName", "workEmail"],
    });
    expect(decision.kind).toBe("suppressed");
  });

  const employee = fc.record({
    firstName: fc.constantFrom("Ada", "Grace", "Alan"),
    lastName: fc.constantFrom("Lovelace", "Hopper", "Turing"),
    jobTitle: fc.option(fc.constantFrom("Engineer", "Manager"), { nil: null }),
    department: fc.option(fc.constantFrom("R&D", "Ops"), { nil: null }),
    status: fc.constantFrom(...EMPLOYMENT_STATUSES),
  });

  it("converges: after applying its writes, the next event from either side is suppressed", () => {
    fc.assert(
      fc.property(
        employee,
        employee,
        fc.option(employee, { nil: null }),
        fc.constantFrom("A", "B"),
        fc.constantFrom("A_WINS", "B_WINS"),
        (a, b, shadow, source: "A" | "B", policy: "A_WINS" | "B_WINS") => {
          const decision = decideSync({ source, records: { A: a, B: b }, shadow, policy });
          const after =
            decision.kind === "write"
              ? { A: decision.merged, B: decision.merged, shadow: decision.merged }
              : { A: a, B: b, shadow };
          for (const next of ["A", "B"] as const) {
            if (decision.kind === "suppressed") continue;
            expect(
              decideSync({
                source: next,
                records: { A: after.A, B: after.B },
                shadow: after.shadow,
                policy,
              }).kind,
            ).toBe("suppressed");
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("identifiers", () => {
  it("gives every event of one record the same workflow id, under its workspace", () => {
    const ref = { workspaceId: "w1", syncId: "s1", side: "A" as const, externalId: "42" };
    expect(recordWorkflowId(ref)).toBe(recordWorkflowId({ ...ref }));
    expect(recordWorkflowId(ref).startsWith("ws-w1/")).toBe(true);
    expect(recordWorkflowId({ ...ref, side: "B" })).not.toBe(recordWorkflowId(ref));
  });

  it("keys a write by link, revision and direction", () => {
    expect(writeIdempotencyKey("l1", 3, "A->B")).toBe(writeIdempotencyKey("l1", 3, "A->B"));
    expect(writeIdempotencyKey("l1", 4, "A->B")).not.toBe(writeIdempotencyKey("l1", 3, "A->B"));
    expect(writeIdempotencyKey("l1", 3, "B->A")).not.toBe(writeIdempotencyKey("l1", 3, "A->B"));
  });
});
