import { afterEach, describe, expect, it } from "vitest";
import type { SimulatorHandle } from "../shared/vendor-simulator";
import type { HiBobEmployeeRecord } from "./fields";
import type { HiBobSalaryEntry } from "./salaries";
import { startHiBobSimulator } from "./server";

const SERVICE_USER = "SERVICE-1";
const TOKEN = "bob-token";
const AUTH = `Basic ${Buffer.from(`${SERVICE_USER}:${TOKEN}`).toString("base64")}`;

let simulator: SimulatorHandle<HiBobEmployeeRecord> | undefined;

afterEach(async () => {
  await simulator?.close();
  simulator = undefined;
});

async function started() {
  simulator ??= await startHiBobSimulator({
    serviceUserId: SERVICE_USER,
    token: TOKEN,
    seed: { count: 4, seed: 3 },
  });
  return simulator;
}

async function readSalaries(identifier: string) {
  const sim = await started();
  return fetch(`${sim.url}/v1/people/${encodeURIComponent(identifier)}/salaries`, {
    headers: { Authorization: AUTH, Accept: "application/json" },
  });
}

describe("HiBob simulator salaries", () => {
  it("returns {values} of effective-dated entries with base {value, currency}", async () => {
    const sim = await started();
    for (const person of sim.state.employees()) {
      const response = await readSalaries(person.id);
      expect(response.status).toBe(200);
      const { values } = (await response.json()) as { values: HiBobSalaryEntry[] };
      expect(values.length).toBeGreaterThanOrEqual(2);
      expect(values[0]?.effectiveDate).toBe(person.work.startDate);
      const dates = values.map((entry) => entry.effectiveDate);
      expect(new Set(dates).size).toBe(dates.length);
      expect([...dates].sort()).toEqual(dates);
      for (const entry of values) {
        expect(typeof entry.base.value).toBe("number");
        expect(entry.base.currency).toMatch(/^[A-Z]{3}$/);
        expect(["Annual", "Hourly"]).toContain(entry.payPeriod);
        expect(["Monthly", "Semi Monthly", "Weekly", "Bi-Weekly"]).toContain(entry.payFrequency);
      }
    }
  });

  it("is deterministic across restarts and reads by email too", async () => {
    const person = (await started()).state.employees()[0];
    const first = await (await readSalaries(person?.id ?? "")).json();
    expect(await (await readSalaries(person?.email ?? "")).json()).toEqual(first);
    await simulator?.close();
    simulator = undefined;
    expect(await (await readSalaries(person?.id ?? "")).json()).toEqual(first);
  });

  it("answers 404 with Bob's error body for an unknown person", async () => {
    const response = await readSalaries("404404");
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ key: "not_found" });
  });
});
