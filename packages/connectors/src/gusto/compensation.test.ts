import {
  startGustoSimulator,
  type GustoEmployeeRecord,
  type SimulatorHandle,
} from "@tandem/simulators";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConnectorError } from "../contract";
import { fieldValueProblem, readFieldValue } from "../field-value-check";
import { GustoConnector } from "./connector";
import { GUSTO_COMPENSATION_ENTITY } from "./describe";

const COMPANY_ID = "6a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
const TOKEN = "gusto-compensation-token";

let simulator: SimulatorHandle<GustoEmployeeRecord>;
let connector: GustoConnector;

beforeEach(async () => {
  simulator = await startGustoSimulator({
    companyId: COMPANY_ID,
    accessToken: TOKEN,
    seed: { count: 3, seed: 11 },
    retrySchedule: [],
  });
  connector = new GustoConnector(
    {
      kind: "gusto",
      baseUrl: simulator.url,
      companyId: COMPANY_ID,
      accessToken: TOKEN,
      webhookVerificationToken: "unused",
    },
    { allowPrivateNetwork: true },
  );
});

afterEach(async () => {
  await simulator.close();
});

function employeeWithJob(): GustoEmployeeRecord {
  const employee = simulator.state.employees().find((record) => record.jobs.length > 0);
  if (!employee) throw new Error("no seeded employee has a job");
  return employee;
}

describe("Gusto compensations", () => {
  it("reads each job's compensations as hr-model Compensations in USD cents", async () => {
    const employee = employeeWithJob();
    const [compensation] = employee.jobs[0]?.compensations ?? [];
    const read = await connector.listCompensations(employee.uuid);
    expect(read).toHaveLength(1);
    expect(read[0]?.compensation).toEqual({
      id: compensation?.uuid,
      employeeId: employee.uuid,
      rate: Math.round(Number(compensation?.rate) * 100),
      currency: "USD",
      payUnit: "year",
      payFrequency: null,
      effectiveDate: compensation?.effective_date,
    });
    for (const field of GUSTO_COMPENSATION_ENTITY.fields) {
      expect(fieldValueProblem(field, readFieldValue(read[0]?.raw, field.id)), field.id).toBeNull();
    }
  });

  it("writes a new rate with the current version, and reads it back exactly", async () => {
    const employee = employeeWithJob();
    const [current] = await connector.listCompensations(employee.uuid);
    if (!current) throw new Error("no compensation");
    await connector.updateCompensation(
      current.externalId,
      { ...current.compensation, rate: 7_250_050, payUnit: "year", effectiveDate: "2026-01-01" },
      "raise-1",
    );
    const [after] = await connector.listCompensations(employee.uuid);
    expect(after?.compensation).toMatchObject({ rate: 7_250_050, effectiveDate: "2026-01-01" });
    expect(after?.raw.rate).toBe("72500.50");
    expect(after?.version).not.toBe(current.version);
    expect(simulator.state.employees().find((e) => e.uuid === employee.uuid)?.jobs[0]?.rate).toBe(
      "72500.50",
    );
  });

  it("answers a stale version with 409, which the simulator enforces", async () => {
    const employee = employeeWithJob();
    const [current] = await connector.listCompensations(employee.uuid);
    if (!current) throw new Error("no compensation");
    await connector.updateCompensation(
      current.externalId,
      { ...current.compensation, rate: 100 },
      "first",
    );
    const stale = await fetch(`${simulator.url}/v1/compensations/${current.externalId}`, {
      method: "PUT",
      headers: { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json" },
      body: JSON.stringify({ version: current.version, rate: "5.00" }),
    });
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ errors: [{ error_key: "version" }] });
  });

  it("refuses what Gusto cannot hold, before or at the API, as permanent", async () => {
    const employee = employeeWithJob();
    const [current] = await connector.listCompensations(employee.uuid);
    if (!current) throw new Error("no compensation");
    const daily = connector.updateCompensation(
      current.externalId,
      { ...current.compensation, payUnit: "day" },
      "daily",
    );
    await expect(daily).rejects.toMatchObject({ kind: "permanent" });
    const tooPrecise = await fetch(`${simulator.url}/v1/compensations/${current.externalId}`, {
      method: "PUT",
      headers: { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json" },
      body: JSON.stringify({ version: current.version, rate: "1.005" }),
    });
    expect(tooPrecise.status).toBe(422);
    const error = await connector
      .listCompensations("00000000-0000-4000-8000-000000000000")
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error).toMatchObject({ kind: "permanent", details: { status: 404 } });
  });
});
