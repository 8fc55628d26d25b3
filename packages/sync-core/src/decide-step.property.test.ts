import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bambooHrGustoTemplate, compileMapping, copyingPathWriter } from "@tandem/mapping";
import { decideStep, projectShadow } from "./decide-step";
import { prepareSyncPlan } from "./prepared-plan";
import type { PerSide, Side } from "./sides";
import { hrisRecord, payrollRecord } from "./testing/template-records";

const compiled = compileMapping(bambooHrGustoTemplate).plan;
if (!compiled) throw new Error("the template does not compile");
const plan = prepareSyncPlan(compiled);

function patched(record: Record<string, unknown>, patch: Record<string, unknown>) {
  const copy = { ...record };
  for (const [field, value] of Object.entries(patch)) copyingPathWriter(field)(copy, value);
  return copy;
}

const hrisEdit = fc.record(
  {
    firstName: fc.constantFrom("Ada", "Adah", "Grace"),
    preferredName: fc.constantFrom(null, "Addie"),
    department: fc.constantFrom("R&D", "Ops", null),
    status: fc.constantFrom("Active", "Inactive"),
    terminationDate: fc.constantFrom(null, "2026-11-30"),
    payRate: fc.constantFrom("80000.00 USD", "90000.00 USD"),
    jobTitle: fc.constantFrom("Engineer", "Manager"),
  },
  { requiredKeys: [] },
);
const payrollEdit = fc.record(
  {
    first_name: fc.constantFrom("Ada", "Adaline"),
    preferred_first_name: fc.constantFrom(null, "Addie", "Ada"),
    department: fc.constantFrom("R&D", "Sales"),
    terminated: fc.boolean(),
    compensation: fc.constantFrom(
      {
        rate: "80000.00",
        payment_unit: "Year",
        flsa_status: "Exempt",
        effective_date: "2024-01-01",
      },
      {
        rate: "85000.00",
        payment_unit: "Year",
        flsa_status: "Exempt",
        effective_date: "2025-01-01",
      },
    ),
  },
  { requiredKeys: [] },
);

describe("decideStep converges", () => {
  it("after applying a step, an event from either side is suppressed (unless something is held for an operator)", async () => {
    await fc.assert(
      fc.asyncProperty(
        hrisEdit,
        payrollEdit,
        fc.constantFrom<Side>("a", "b"),
        fc.boolean(),
        async (editA, editB, source, neverSynced) => {
          const baseA = hrisRecord();
          const baseB = payrollRecord();
          const records: PerSide<Record<string, unknown>> = {
            a: { ...baseA, ...editA },
            b: { ...baseB, ...editB },
          };
          const shadows = neverSynced
            ? { a: null, b: null }
            : { a: projectShadow(plan, "a", baseA), b: projectShadow(plan, "b", baseB) };
          const input = { plan, changedAt: { a: null, b: null }, mayCreate: true };
          const decision = await decideStep({ ...input, source, records, shadows });
          if (decision.kind !== "apply") return;
          if (decision.parked.length > 0 || decision.excluded.length > 0) return;
          const after = {
            a: patched(records.a, decision.patches.a),
            b: patched(records.b, decision.patches.b),
          };
          for (const next of ["a", "b"] as const) {
            const again = await decideStep({
              ...input,
              source: next,
              records: after,
              shadows: decision.shadows,
            });
            expect(again.kind).toBe("suppressed");
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
