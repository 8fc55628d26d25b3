import { describe, expect, it } from "vitest";
import { summarizeConflictRules } from "./conflict-summary";
import { MappingDocument } from "./document-schema";
import { bambooHrGustoTemplate, hrisBenefitDeductionsTemplate } from "./templates";
import { edge, mappingDocument, node, side } from "../test/mapping-fixtures";

/** The names `@tandem/connectors` gives the templates' systems (mapping knows no connector). */
const options = { systemNames: { bamboohr: "BambooHR", gusto: "Gusto" } };

describe("summarizeConflictRules", () => {
  it("names the winning system per group of fields and the default for the rest", () => {
    const summary = summarizeConflictRules(
      MappingDocument.parse(hrisBenefitDeductionsTemplate),
      options,
    );
    expect(summary.text).toBe(
      "Conflicts on end date wait for manual review; Gusto wins for contribution value and employee deduction; the latest change wins for everything else.",
    );
    expect(summary.rules).toEqual([
      {
        strategy: "manual-review",
        fields: ["a.endDate"],
        sentence: "conflicts on end date wait for manual review",
      },
      {
        strategy: "b-wins",
        fields: ["b.contribution.value", "b.employee_deduction"],
        sentence: "Gusto wins for contribution value and employee deduction",
      },
    ]);
  });

  it("uses side labels, field labels and the document's default strategy", () => {
    const document = MappingDocument.parse(
      mappingDocument(
        [
          side("a", ["email", { id: "deductionAmount", type: "string" }]),
          side("b", ["email", "amount"]),
          node("payroll-wins", "conflictRule", { strategy: "b-wins" }),
        ],
        [edge("a.deductionAmount", "b.amount"), edge("a.deductionAmount", "payroll-wins.fields")],
      ),
    );
    for (const sideNode of document.nodes) {
      if (sideNode.type !== "side") continue;
      sideNode.data.label = sideNode.data.side === "a" ? "HRIS" : "Payroll";
      for (const field of sideNode.data.fields)
        if (field.id === "deductionAmount") field.label = "Deduction amounts";
    }
    document.settings.defaultConflictStrategy = "a-wins";
    expect(summarizeConflictRules(document, options).text).toBe(
      "Payroll wins for deduction amounts; HRIS wins for everything else.",
    );
  });

  it("speaks of every field when no rule is drawn", () => {
    const document = MappingDocument.parse(bambooHrGustoTemplate);
    document.nodes = document.nodes.filter((n) => n.type !== "conflictRule");
    expect(summarizeConflictRules(document, options)).toEqual({
      text: "The latest change wins for every field.",
      rules: [],
    });
  });
});
