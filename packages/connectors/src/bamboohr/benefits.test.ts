import {
  startBambooHrSimulator,
  type BambooHrEmployeeRecord,
  type SimulatorHandle,
} from "@tandem/simulators";
import { BenefitEnrollment } from "@tandem/hr-model";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConnectorError } from "../contract";
import { BambooHrConnector } from "./connector";

const API_KEY = "bamboo-api-key";

let simulator: SimulatorHandle<BambooHrEmployeeRecord>;

/** `rewrite` edits each JSON reply after it came over HTTP from the simulator. */
function connector(rewrite?: (body: unknown) => unknown) {
  const fetchThrough: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    if (!rewrite) return response;
    return new Response(JSON.stringify(rewrite(await response.json())), {
      status: response.status,
      headers: { "Content-Type": "application/json" },
    });
  };
  return new BambooHrConnector(
    {
      kind: "bamboohr",
      baseUrl: simulator.url,
      companyDomain: "acme",
      apiKey: API_KEY,
      webhookPrivateKey: "unused",
    },
    { allowPrivateNetwork: true, fetch: fetchThrough },
  );
}

beforeEach(async () => {
  simulator = await startBambooHrSimulator({
    companyDomain: "acme",
    apiKey: API_KEY,
    seed: { count: 4, seed: 7 },
  });
});

afterEach(async () => {
  await simulator.close();
});

describe("BambooHrConnector.listBenefitEnrollments against the simulator", () => {
  it("reads enrolled benefits as model enrollments with integer amounts", async () => {
    const enrollments = await connector().listBenefitEnrollments("2");
    expect(enrollments.map((item) => item.enrollment.benefitType)).toEqual([
      "medical",
      "dental",
      "401k",
    ]);
    for (const item of enrollments) {
      expect(BenefitEnrollment.parse(item.enrollment)).toEqual(item.enrollment);
      expect(item.enrollment.employeeId).toBe("2");
      expect(item.externalId).toBe(item.enrollment.id);
    }
    const [medical, dental, retirement] = enrollments.map((item) => item.enrollment);
    expect(medical).toMatchObject({
      planName: "Acme PPO Medical",
      employeeDeductionType: "fixed",
      employeeDeductionAmount: 12050,
      companyContributionType: "fixed",
      companyContributionAmount: 30000,
      currency: "USD",
      frequency: "every_paycheck",
    });
    expect(dental).toMatchObject({
      frequency: "monthly",
      employeeDeductionAmount: 1200,
      companyContributionType: null,
      companyContributionAmount: null,
    });
    expect(retirement).toMatchObject({
      employeeDeductionType: "percent",
      employeeDeductionAmount: 550,
      employeeDeductionAnnualMaximum: 2_300_000,
      companyContributionType: "percent",
      companyContributionAmount: 300,
      companyContributionAnnualMaximum: 500_000,
    });
  });

  it("leaves out waived plans", async () => {
    const enrollments = await connector().listBenefitEnrollments("3");
    expect(enrollments.map((item) => item.enrollment.benefitType)).toEqual(["medical"]);
  });

  it("reads 0000-00-00 as no end date and keeps a real one", async () => {
    const withEnd = (end: string) =>
      connector((body) =>
        (body as Record<string, unknown>[]).map((row) => ({ ...row, deductionEndDate: end })),
      ).listBenefitEnrollments("1");
    expect((await withEnd("0000-00-00"))[0]?.enrollment.endDate).toBeNull();
    expect((await withEnd("2026-06-30"))[0]?.enrollment.endDate).toBe("2026-06-30");
  });

  it("fails permanently, naming the field, on a payload it does not understand", async () => {
    const withRow = (change: Record<string, unknown>) =>
      connector((body) =>
        (body as Record<string, unknown>[]).map((row) => ({ ...row, ...change })),
      );
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ employeeAmount: "12.345" }, /employeeAmount/],
      [{ employeeAmountType: "USD" }, /employeeAmountType/],
      [{ benefitType: "Pet insurance" }, /benefitType/],
      [{ occurrencesPerYear: 7 }, /occurrencesPerYear/],
      [{ deductionStartDate: "1/1/2024" }, /deductionStartDate/],
      [{ companyAmountType: null }, /companyAmountType/],
    ];
    for (const [change, field] of cases) {
      const error = await withRow(change)
        .listBenefitEnrollments("1")
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ConnectorError);
      expect((error as ConnectorError).kind).toBe("permanent");
      expect((error as ConnectorError).message).toMatch(field);
    }
  });
});
