import { describe, expect, it } from "vitest";
import { bambooHrGustoTemplate, compileMapping, type SyncPlan } from "@tandem/mapping";
import { decideStep, projectShadow, type StepInput } from "./decide-step";
import { prepareSyncPlan } from "./prepared-plan";
import { hrisRecord, payrollRecord } from "./testing/template-records";

function templatePlan(): SyncPlan {
  const { plan, diagnostics } = compileMapping(bambooHrGustoTemplate);
  if (!plan) throw new Error(JSON.stringify(diagnostics));
  return plan;
}
const plan = prepareSyncPlan(templatePlan());

/** A pair that was settled with these records: each side's shadow is its record. */
function settled(a: Record<string, unknown>, b: Record<string, unknown>) {
  return { a: projectShadow(plan, "a", a), b: projectShadow(plan, "b", b) };
}

function step(overrides: Partial<StepInput> & Pick<StepInput, "source" | "records" | "shadows">) {
  return decideStep({ plan, changedAt: { a: null, b: null }, mayCreate: true, ...overrides });
}

async function applied(input: Parameters<typeof step>[0]) {
  const decision = await step(input);
  if (decision.kind !== "apply") throw new Error(`expected a write, got ${decision.kind}`);
  return decision;
}

describe("decideStep on the BambooHR ⇄ Gusto template", () => {
  const a = hrisRecord();
  const b = payrollRecord();

  it("suppresses the echo of a settled state", async () => {
    const decision = await step({ source: "b", records: { a, b }, shadows: settled(a, b) });
    expect(decision.kind).toBe("suppressed");
  });

  it("writes only the field that changed, converted by the plan", async () => {
    const edited = { ...a, firstName: "Adah" };
    const decision = await applied({
      source: "a",
      records: { a: edited, b },
      shadows: settled(a, b),
    });
    expect(decision.patches).toEqual({ a: {}, b: { first_name: "Adah" } });
    expect(decision.writes).toEqual([
      { side: "b", field: "first_name", before: "Ada", after: "Adah", rule: "a-changed" },
    ]);
  });

  it("carries a termination to payroll and keeps it when payroll then edits another field", async () => {
    const terminated = { ...a, status: "Inactive", terminationDate: "2026-11-30" };
    const first = await applied({
      source: "a",
      records: { a: terminated, b },
      shadows: settled(a, b),
    });
    expect(first.patches.b).toEqual({
      terminated: true,
      "termination.effective_date": "2026-11-30",
    });

    const payroll = {
      ...b,
      terminated: true,
      termination: { effective_date: "2026-11-30" },
      preferred_first_name: "Addie",
    };
    const second = await applied({
      source: "b",
      records: { a: terminated, b: payroll },
      shadows: first.shadows,
    });
    expect(second.patches).toEqual({ a: { preferredName: "Addie" }, b: {} });
  });

  it("lets payroll win pay when both sides changed it (the plan's b-wins rule)", async () => {
    const hris = { ...a, payRate: "81000.00 USD" };
    const payroll = { ...b, compensation: { ...b.compensation, rate: "82000.00" } };
    const decision = await applied({
      source: "a",
      records: { a: hris, b: payroll },
      shadows: settled(a, b),
    });
    expect(decision.patches).toEqual({ a: { payRate: "82000.00 USD" }, b: {} });
    expect(decision.writes[0]).toMatchObject({ rule: "conflict:b-wins", node: "payroll-owns-pay" });
  });

  it("keeps contractors out of payroll: no write, no create, the change held back", async () => {
    const contractor = { ...a, employmentHistoryStatus: "Contractor", jobTitle: "Consultant" };
    const linked = await applied({
      source: "a",
      records: { a: contractor, b },
      shadows: settled(a, b),
    });
    expect(linked.patches.b).toEqual({});
    expect(linked.excluded).toEqual([expect.objectContaining({ node: "not-contractor" })]);
    expect(linked.shadows.a?.jobTitle).toBe(a.jobTitle);

    const unlinked = await applied({
      source: "a",
      records: { a: contractor, b: null },
      shadows: { a: null, b: null },
    });
    expect(unlinked.create).toBeNull();
  });

  it("on first contact applies the triggering edit instead of reverting it, except where the other side owns the field", async () => {
    const hris = { ...a, preferredName: null, firstName: "Ada" };
    const payroll = { ...b, preferred_first_name: "Addie", first_name: "Adaline" };
    const decision = await applied({
      source: "b",
      records: { a: hris, b: payroll },
      shadows: { a: null, b: null },
    });
    expect(decision.firstContact).toBe(true);
    expect(decision.patches.a).toEqual({ preferredName: "Addie" });
    expect(decision.patches.b).toEqual({ first_name: "Ada" });
  });

  it("creates the counterpart with every field the plan computes", async () => {
    const decision = await applied({
      source: "a",
      records: { a, b: null },
      shadows: { a: null, b: null },
    });
    expect(decision.create?.side).toBe("b");
    expect(decision.create?.fields).toMatchObject({
      first_name: "Ada",
      work_email: a.workEmail,
      terminated: false,
    });
    const denied = await applied({
      source: "a",
      records: { a, b: null },
      shadows: { a: null, b: null },
      mayCreate: false,
    });
    expect(denied.create).toBeNull();
  });

  it("parks a value the plan cannot convert, with the field and the reason, and syncs the rest", async () => {
    const edited = { ...a, payPer: "Fortnight", lastName: "King" };
    const decision = await applied({
      source: "a",
      records: { a: edited, b },
      shadows: settled(a, b),
    });
    expect(decision.patches.b).toEqual({ last_name: "King" });
    expect(decision.parked).toEqual([
      expect.objectContaining({
        kind: "unconvertible",
        fields: { a: [], b: ["compensation.payment_unit"] },
        node: "pay-unit",
      }),
    ]);
    expect(decision.shadows.a?.payPer).toBe(a.payPer);
  });

  it("parks a conflict an operator must decide, and applies the operator's answer later", async () => {
    const { plan: reviewed } = compileMapping({
      ...bambooHrGustoTemplate,
      nodes: bambooHrGustoTemplate.nodes.map((node) =>
        node.id === "hris-owns-identity"
          ? { ...node, data: { ...node.data, strategy: "manual-review" } }
          : node,
      ),
    });
    if (!reviewed) throw new Error("plan");
    const prepared = prepareSyncPlan(reviewed);
    const hris = { ...a, department: "Research" };
    const payroll = { ...b, department: "Sales" };
    const input: StepInput = {
      plan: prepared,
      source: "a",
      records: { a: hris, b: payroll },
      shadows: { a: projectShadow(prepared, "a", a), b: projectShadow(prepared, "b", b) },
      changedAt: { a: null, b: null },
      mayCreate: true,
    };
    const parked = await decideStep(input);
    if (parked.kind !== "apply") throw new Error(parked.kind);
    expect(parked.patches).toEqual({ a: {}, b: {} });
    const [item] = parked.parked;
    expect(item).toMatchObject({ kind: "conflict", values: { a: "Research", b: "Sales" } });

    const resolved = await decideStep({
      ...input,
      choices: new Map([[item?.groupKey ?? "", { kind: "side", side: "b" }]]),
    });
    if (resolved.kind !== "apply") throw new Error(resolved.kind);
    expect(resolved.patches).toEqual({ a: { department: "Sales" }, b: {} });
    expect(resolved.writes[0]?.rule).toBe("operator");
  });

  it("clears a field on the other side when the source clears it", async () => {
    const rehired = { ...a, terminationDate: null };
    const before = { ...a, terminationDate: "2026-01-31" };
    const payroll = { ...b, termination: { effective_date: "2026-01-31" } };
    const decision = await applied({
      source: "a",
      records: { a: rehired, b: payroll },
      shadows: settled(before, payroll),
    });
    expect(decision.patches.b).toEqual({ "termination.effective_date": null });
  });
});
