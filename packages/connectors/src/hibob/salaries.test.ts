import {
  startHiBobSimulator,
  type HiBobEmployeeRecord,
  type SimulatorHandle,
} from "@tandem/simulators";
import { Compensation } from "@tandem/hr-model";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConnectorError } from "../contract";
import { createConnector } from "../registry";

const SERVICE_USER = "SERVICE-1234";
const TOKEN = "bob-service-token";

let simulator: SimulatorHandle<HiBobEmployeeRecord>;

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
  return createConnector(
    {
      kind: "hibob",
      baseUrl: simulator.url,
      serviceUserId: SERVICE_USER,
      token: TOKEN,
      webhookSecret: "unused",
      defaultSite: "London",
    },
    { allowPrivateNetwork: true, fetch: fetchThrough },
  );
}

function firstId(): string {
  return simulator.state.employees()[0]?.id ?? "";
}

beforeEach(async () => {
  simulator = await startHiBobSimulator({
    serviceUserId: SERVICE_USER,
    token: TOKEN,
    seed: { count: 4, seed: 3 },
  });
});

afterEach(async () => {
  await simulator.close();
});

describe("HiBobConnector.listCompensations against the simulator", () => {
  it("reads salaries as effective-dated model rates in minor units", async () => {
    for (const person of simulator.state.employees()) {
      const rates = (await connector().listCompensations?.(person.id)) ?? [];
      expect(rates.length).toBeGreaterThanOrEqual(2);
      expect(rates[0]?.compensation.effectiveDate).toBe(person.work.startDate);
      const dates = rates.map((rate) => rate.compensation.effectiveDate);
      expect([...dates].sort()).toEqual(dates);
      for (const rate of rates) {
        expect(Compensation.parse(rate.compensation)).toEqual(rate.compensation);
        expect(rate.compensation.employeeId).toBe(person.id);
        const raw = rate.raw as { base: { value: number; currency: string } };
        expect(rate.compensation.currency).toBe(raw.base.currency);
        expect(rate.compensation.rate).toBe(Math.round(raw.base.value * 100));
        expect(["year", "hour"]).toContain(rate.compensation.payUnit);
        expect(rate.compensation.payFrequency).not.toBeNull();
      }
    }
  });

  it("maps value, period, frequency and date exactly for known entries", async () => {
    const rates =
      (await connector(() => ({
        values: [
          {
            id: 7,
            effectiveDate: "2025-04-01",
            base: { value: 65000.5, currency: "GBP" },
            payPeriod: "Annual",
            payFrequency: "Semi Monthly",
          },
          {
            id: "6",
            effectiveDate: "2024-04-01",
            base: { value: 4200, currency: "JPY" },
            payPeriod: "Daily",
            payFrequency: null,
          },
        ],
      })).listCompensations?.(firstId())) ?? [];
    expect(rates.map((rate) => rate.compensation)).toEqual([
      {
        id: "6",
        employeeId: firstId(),
        rate: 4200,
        currency: "JPY",
        payUnit: "day",
        payFrequency: null,
        effectiveDate: "2024-04-01",
      },
      {
        id: "7",
        employeeId: firstId(),
        rate: 6500050,
        currency: "GBP",
        payUnit: "year",
        payFrequency: "semimonthly",
        effectiveDate: "2025-04-01",
      },
    ]);
  });

  it("fails permanently, naming the field, on a payload it does not understand", async () => {
    const withEntry = (change: Record<string, unknown>) =>
      connector((body) => ({
        values: (body as { values: Record<string, unknown>[] }).values.map((entry) => ({
          ...entry,
          ...change,
        })),
      }));
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ base: { value: "65000", currency: "GBP" } }, /base\.value/],
      [{ base: { value: 0.30000000000000004, currency: "GBP" } }, /base\.value/],
      [{ base: { value: 100, currency: "pounds" } }, /base\.currency/],
      [{ payPeriod: "Fortnightly" }, /payPeriod/],
      [{ payFrequency: "Daily" }, /payFrequency/],
      [{ effectiveDate: "01/04/2025" }, /effectiveDate/],
    ];
    for (const [change, field] of cases) {
      const error = await withEntry(change)
        .listCompensations?.(firstId())
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ConnectorError);
      expect((error as ConnectorError).kind).toBe("permanent");
      expect((error as ConnectorError).message).toMatch(field);
    }
    const noWrapper = await connector((body) => (body as { values: unknown }).values)
      .listCompensations?.(firstId())
      .catch((caught: unknown) => caught);
    expect((noWrapper as ConnectorError).message).toMatch(/\(root\): .*expected object/);
  });

  it("reports an unknown person as a 404", async () => {
    const error = await connector()
      .listCompensations?.("404404")
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConnectorError);
    expect((error as ConnectorError).details.status).toBe(404);
  });
});
