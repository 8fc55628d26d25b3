import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SimulatorHandle } from "../shared/vendor-simulator";
import type { GustoEmployeeRecord } from "./fields";
import { startGustoSimulator } from "./server";

const COMPANY_ID = "0b6f3e2d-1c4a-4d7e-9f8a-5e6d7c8b9a01";
const TOKEN = "gusto-termination-token";

let simulator: SimulatorHandle<GustoEmployeeRecord>;

beforeEach(async () => {
  simulator = await startGustoSimulator({
    companyId: COMPANY_ID,
    accessToken: TOKEN,
    seed: { count: 3, seed: 5 },
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

function activeEmployee(): GustoEmployeeRecord {
  const record = simulator.state.employees().find((employee) => !employee.terminated);
  if (!record) throw new Error("seed has no active employee");
  return record;
}

const terminate = (uuid: string, body: unknown) =>
  api(`/employees/${uuid}/terminations`, { method: "POST", body: JSON.stringify(body) });

describe("Gusto simulator terminations", () => {
  it("records the termination and shows the employee terminated with it", async () => {
    const { uuid } = activeEmployee();
    const response = await terminate(uuid, {
      effective_date: "2026-04-30",
      run_termination_payroll: true,
    });
    expect(response.status).toBe(201);
    const termination = (await response.json()) as Record<string, unknown>;
    expect(termination).toMatchObject({
      employee_uuid: uuid,
      effective_date: "2026-04-30",
      run_termination_payroll: true,
      active: true,
    });
    const employee = (await (await api(`/employees/${uuid}`)).json()) as GustoEmployeeRecord;
    expect(employee.terminated).toBe(true);
    expect(employee.terminations).toEqual([termination]);
  });

  it.each([
    ["a missing date", {}],
    ["a malformed date", { effective_date: "30/04/2026" }],
    ["a day that does not exist", { effective_date: "2026-02-30" }],
  ])("answers 422 in Gusto's error shape for %s", async (_label, body) => {
    const { uuid } = activeEmployee();
    const response = await terminate(uuid, body);
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({
      errors: [
        expect.objectContaining({
          error_key: "effective_date",
          category: "invalid_attribute_value",
          message: expect.any(String) as string,
        }),
      ],
    });
    expect((await (await api(`/employees/${uuid}`)).json()) as GustoEmployeeRecord).toMatchObject({
      terminated: false,
      terminations: [],
    });
  });

  it("answers 422 when the employee is already terminated, and 404 for an unknown one", async () => {
    const { uuid } = activeEmployee();
    expect((await terminate(uuid, { effective_date: "2026-04-30" })).status).toBe(201);
    const again = await terminate(uuid, { effective_date: "2026-05-01" });
    expect(again.status).toBe(422);
    expect(await again.json()).toMatchObject({
      errors: [{ error_key: "base", message: "The employee is already terminated" }],
    });
    const unknown = await terminate("00000000-0000-4000-8000-000000000000", {
      effective_date: "2026-04-30",
    });
    expect(unknown.status).toBe(404);
  });
});
