import {
  startBambooHrSimulator,
  type BambooHrEmployeeRecord,
  type SimulatorHandle,
} from "@tandem/simulators";
import { Compensation } from "@tandem/hr-model";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConnectorError } from "../contract";
import { createConnector } from "../registry";

const API_KEY = "bamboo-api-key";

let simulator: SimulatorHandle<BambooHrEmployeeRecord>;

/** `rewrite` edits each JSON reply after it came over HTTP from the simulator. */
function connector(rewrite?: (body: unknown) => unknown) {
  const fetchThrough: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    if (!rewrite) return response;
    const body = rewrite(await response.json());
    return new Response(JSON.stringify(body), {
      status: response.status,
      headers: { "Content-Type": "application/json" },
    });
  };
  return createConnector(
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

describe("BambooHrConnector.listCompensations against the simulator", () => {
  it("reads the compensation table as effective-dated model rates in minor units", async () => {
    const rates = await connector().listCompensations?.("1");
    expect(rates).toBeDefined();
    expect(rates?.length).toBeGreaterThanOrEqual(2);
    const dates = rates?.map((rate) => rate.compensation.effectiveDate) ?? [];
    expect([...dates].sort()).toEqual(dates);
    for (const rate of rates ?? []) {
      expect(Compensation.parse(rate.compensation)).toEqual(rate.compensation);
      expect(rate.compensation.employeeId).toBe("1");
      expect(rate.compensation.currency).toBe("USD");
      expect(Number.isInteger(rate.compensation.rate)).toBe(true);
      const raw = rate.raw as { rate: { value: string } };
      expect(rate.compensation.rate).toBe(Math.round(Number(raw.rate.value) * 100));
      expect(rate.externalId).toBe(rate.compensation.id);
    }
    expect(rates?.[0]?.compensation.payUnit).toBe("year");
    expect(rates?.[0]?.compensation.payFrequency).not.toBeUndefined();
  });

  it("reads an hourly employee's rate per hour", async () => {
    const rates = (await connector().listCompensations?.("3")) ?? [];
    expect(rates.map((rate) => rate.compensation.payUnit)).toEqual(rates.map(() => "hour"));
    expect(rates[0]?.compensation.rate).toBeLessThan(10_000);
  });

  it("maps rate, unit, schedule and date exactly for a known row", async () => {
    const rates =
      (await connector(() => [
        {
          id: 41,
          employeeId: 9,
          startDate: "2025-03-01",
          rate: { value: "1234567.89", currency: "USD" },
          type: "Salary",
          paidPer: "Year",
          paySchedule: "Every other week",
          exempt: "Exempt",
          reason: "Promotion",
          comment: "",
        },
        {
          id: "40",
          startDate: "2024-01-01",
          rate: { value: "5000", currency: "JPY" },
          paidPer: "Month",
          paySchedule: "Custom 4-4-5",
        },
      ]).listCompensations?.("1")) ?? [];
    expect(rates.map((rate) => rate.compensation)).toEqual([
      {
        id: "40",
        employeeId: "1",
        rate: 5000,
        currency: "JPY",
        payUnit: "month",
        payFrequency: null,
        effectiveDate: "2024-01-01",
      },
      {
        id: "41",
        employeeId: "1",
        rate: 123456789,
        currency: "USD",
        payUnit: "year",
        payFrequency: "biweekly",
        effectiveDate: "2025-03-01",
      },
    ]);
  });

  it("fails permanently, naming the field, on a payload it does not understand", async () => {
    const withRow = (change: Record<string, unknown>) =>
      connector((body) =>
        (body as Record<string, unknown>[]).map((row) => ({ ...row, ...change })),
      );
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ rate: "50000.00 USD" }, /rate/],
      [{ rate: { value: "12.345", currency: "USD" } }, /rate\.value/],
      [{ startDate: "03/01/2025" }, /startDate/],
      [{ paidPer: "Fortnight" }, /paidPer/],
    ];
    for (const [change, field] of cases) {
      const error = await withRow(change)
        .listCompensations?.("1")
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ConnectorError);
      expect((error as ConnectorError).kind).toBe("permanent");
      expect((error as ConnectorError).message).toMatch(field);
    }
  });

  it("reports an unknown employee as a permanent 404", async () => {
    const error = await connector()
      .listCompensations?.("999")
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConnectorError);
    expect((error as ConnectorError).details.status).toBe(404);
  });
});
