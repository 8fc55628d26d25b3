import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SimulatorHandle } from "../shared/vendor-simulator";
import type { GustoEmployeeBenefit } from "./benefits";
import type { GustoEmployeeRecord } from "./fields";
import { startGustoSimulator } from "./server";

const COMPANY_ID = "5e4d3c2b-1a09-4f8e-9d7c-6b5a4f3e2d1c";
const TOKEN = "gusto-benefits-token";

let simulator: SimulatorHandle<GustoEmployeeRecord>;

beforeEach(async () => {
  simulator = await startGustoSimulator({
    companyId: COMPANY_ID,
    accessToken: TOKEN,
    seed: { count: 4, seed: 3 },
    retrySchedule: [],
  });
});

afterEach(async () => {
  await simulator.close();
});

function api(path: string, init: RequestInit = {}) {
  return fetch(`${simulator.url}/v1${path}`, {
    ...init,
    headers: {
      Authorization: `Bearer ${TOKEN}`,
      "Content-Type": "application/json",
      ...init.headers,
    },
  });
}

function employeeAt(index: number): GustoEmployeeRecord {
  const record = simulator.state.employees()[index];
  if (!record) throw new Error(`no seeded employee ${index}`);
  return record;
}

async function benefitsOf(uuid: string): Promise<GustoEmployeeBenefit[]> {
  const response = await api(`/employees/${uuid}/employee_benefits`);
  expect(response.status).toBe(200);
  return (await response.json()) as GustoEmployeeBenefit[];
}

const put = (uuid: string, body: unknown) =>
  api(`/employee_benefits/${uuid}`, { method: "PUT", body: JSON.stringify(body) });

describe("Gusto simulator employee benefits", () => {
  it("seeds enrollments deterministically with Gusto's fields", async () => {
    const first = await benefitsOf(employeeAt(0).uuid);
    expect(first.map((benefit) => Object.keys(benefit).sort())).toEqual(
      first.map(() =>
        [
          "uuid",
          "version",
          "employee_uuid",
          "company_benefit_uuid",
          "active",
          "employee_deduction",
          "deduct_as_percentage",
          "employee_deduction_annual_maximum",
          "company_contribution",
          "contribute_as_percentage",
          "contribution",
          "company_contribution_annual_maximum",
          "effective_date",
          "expiration_date",
        ].sort(),
      ),
    );
    expect(first).toMatchObject([
      { employee_deduction: "75.00", deduct_as_percentage: false, company_contribution: "300.00" },
      { employee_deduction: "0.50", deduct_as_percentage: true, company_contribution: "0.00" },
    ]);
    expect(await benefitsOf(employeeAt(1).uuid)).toHaveLength(1);

    // A reset seeds the same enrollments with the same ids and amounts.
    const strip = (list: GustoEmployeeBenefit[]) =>
      list.map(({ uuid, employee_deduction, company_benefit_uuid }) => ({
        uuid,
        employee_deduction,
        company_benefit_uuid,
      }));
    const before = strip(first);
    simulator.state.reset();
    expect(strip(await benefitsOf(employeeAt(0).uuid))).toEqual(before);
  });

  it("reads one enrollment and its company benefit, and 404s unknown ones", async () => {
    const [benefit] = await benefitsOf(employeeAt(0).uuid);
    if (!benefit) throw new Error("no benefit");
    expect(await (await api(`/employee_benefits/${benefit.uuid}`)).json()).toEqual(benefit);
    expect(
      await (await api(`/company_benefits/${benefit.company_benefit_uuid}`)).json(),
    ).toMatchObject({ benefit_type: 1, description: "Blue Shield PPO", active: true });
    expect((await api("/employee_benefits/nope")).status).toBe(404);
    expect((await api("/employees/nope/employee_benefits")).status).toBe(404);
  });

  it("updates with the current version, bumps it, and answers 409 to a stale one", async () => {
    const [benefit] = await benefitsOf(employeeAt(0).uuid);
    if (!benefit) throw new Error("no benefit");
    const response = await put(benefit.uuid, {
      version: benefit.version,
      employee_deduction: "5.25",
      deduct_as_percentage: true,
      company_contribution: "125.00",
      expiration_date: "2026-12-31",
    });
    expect(response.status).toBe(200);
    const updated = (await response.json()) as GustoEmployeeBenefit;
    expect(updated).toMatchObject({
      employee_deduction: "5.25",
      deduct_as_percentage: true,
      company_contribution: "125.00",
      expiration_date: "2026-12-31",
    });
    expect(updated.version).not.toBe(benefit.version);

    const stale = await put(benefit.uuid, { version: benefit.version, employee_deduction: "1.00" });
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ errors: [{ error_key: "version" }] });
  });

  it.each([
    ["a missing version", { employee_deduction: "1.00" }, "version"],
    ["a numeric amount", { employee_deduction: 12.5 }, "employee_deduction"],
    ["three decimals", { company_contribution: "1.005" }, "company_contribution"],
    ["a non-boolean flag", { deduct_as_percentage: "yes" }, "deduct_as_percentage"],
    ["a day that does not exist", { effective_date: "2026-02-30" }, "effective_date"],
    ["an expiration before the start", { expiration_date: "2025-12-31" }, "expiration_date"],
    [
      "a percentage over 100",
      { employee_deduction: "101.00", deduct_as_percentage: true },
      "employee_deduction",
    ],
  ])("answers 422 in Gusto's error shape for %s", async (_label, patch, key) => {
    const [benefit] = await benefitsOf(employeeAt(0).uuid);
    if (!benefit) throw new Error("no benefit");
    const body =
      "version" in patch || key === "version" ? patch : { version: benefit.version, ...patch };
    const response = await put(benefit.uuid, body);
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({
      errors: [
        {
          error_key: key,
          category: "invalid_attribute_value",
          message: expect.any(String) as string,
        },
      ],
    });
    expect(await (await api(`/employee_benefits/${benefit.uuid}`)).json()).toEqual(benefit);
  });
});
