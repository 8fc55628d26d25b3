import { describe, expect, it } from "vitest";
import { bambooHrGustoTemplate, compileMapping } from "@tandem/mapping";
import { decideBackfillPair } from "./backfill-decision";
import { prepareSyncPlan } from "./prepared-plan";
import { hrisRecord, payrollRecord } from "./testing/template-records";

function planWith(identity: "a-wins" | "manual-review") {
  const { plan } = compileMapping({
    ...bambooHrGustoTemplate,
    nodes: bambooHrGustoTemplate.nodes.map((node) =>
      node.type === "conflictRule" && node.id === "hris-owns-identity"
        ? { ...node, data: { ...node.data, strategy: identity } }
        : node,
    ),
  });
  if (!plan) throw new Error("the template does not compile");
  return prepareSyncPlan(plan);
}

const never = { a: null, b: null };

describe("decideBackfillPair", () => {
  it("decides a pair never synced from A, with each rule's owner winning", async () => {
    const decided = await decideBackfillPair({
      plan: planWith("a-wins"),
      records: {
        a: hrisRecord({ department: "Research" }),
        b: payrollRecord({
          department: "Sales",
          compensation: { ...payrollRecord().compensation, rate: "90000.00" },
        }),
      },
      shadows: never,
      changedAt: never,
    });
    expect(decided.outcome).toBe("updated");
    if (decided.decision.kind !== "apply") throw new Error(decided.decision.kind);
    expect(decided.decision.patches.b).toEqual({ department: "Research" });
    expect(decided.decision.patches.a).toEqual({ payRate: "90000.00 USD" });
  });

  it("parks a difference under a manual-review rule instead of overwriting either side", async () => {
    const plan = planWith("manual-review");
    const decided = await decideBackfillPair({
      plan,
      records: {
        a: hrisRecord({ department: "Research" }),
        b: payrollRecord({ department: "Sales" }),
      },
      shadows: never,
      changedAt: never,
    });
    expect(decided.outcome).toBe("parked");
    if (decided.decision.kind !== "apply") throw new Error(decided.decision.kind);
    expect(decided.decision.patches).toEqual({ a: {}, b: {} });
    expect(decided.decision.parked[0]?.values).toEqual({ a: "Research", b: "Sales", base: null });
    // The stand-in base never reaches the shadows a link keeps.
    expect(JSON.stringify(decided.decision.shadows)).not.toContain("tandem:no-base");
  });

  it("reports an unmatched record as created only where the plan carries records that way", async () => {
    const created = await decideBackfillPair({
      plan: planWith("a-wins"),
      records: { a: hrisRecord(), b: null },
      shadows: never,
      changedAt: never,
    });
    expect(created.outcome).toBe("created");
    const contractor = await decideBackfillPair({
      plan: planWith("a-wins"),
      records: { a: hrisRecord({ employmentHistoryStatus: "Contractor" }), b: null },
      shadows: never,
      changedAt: never,
    });
    expect(contractor.outcome).toBe("unmatched");
  });
});
