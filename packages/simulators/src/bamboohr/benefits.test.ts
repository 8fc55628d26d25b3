import { afterEach, describe, expect, it } from "vitest";
import type { SimulatorHandle } from "../shared/vendor-simulator";
import type { BambooHrEmployeeBenefitRow } from "./benefits";
import type { BambooHrEmployeeRecord } from "./fields";
import { startBambooHrSimulator } from "./server";

const API_KEY = "bamboo-key";
const AUTH = `Basic ${Buffer.from(`${API_KEY}:x`).toString("base64")}`;

let simulator: SimulatorHandle<BambooHrEmployeeRecord> | undefined;

afterEach(async () => {
  await simulator?.close();
  simulator = undefined;
});

async function readBenefits(query = "") {
  simulator ??= await startBambooHrSimulator({
    companyDomain: "acme",
    apiKey: API_KEY,
    seed: { count: 4, seed: 5 },
  });
  const response = await fetch(
    `${simulator.url}/api/gateway.php/acme/v1/benefit/employee_benefit${query}`,
    { headers: { Authorization: AUTH, Accept: "application/json" } },
  );
  expect(response.status).toBe(200);
  return (await response.json()) as BambooHrEmployeeBenefitRow[];
}

describe("BambooHR simulator employee benefits", () => {
  it("lists every employee's benefit rows, or one employee's with employeeId", async () => {
    const all = await readBenefits();
    expect(new Set(all.map((row) => row.employeeId))).toEqual(new Set(["1", "2", "3", "4"]));
    const two = await readBenefits("?employeeId=2");
    expect(two.map((row) => row.benefitType)).toEqual(["Medical", "Dental", "401(k)"]);
    expect(two.every((row) => row.employeeId === "2")).toBe(true);
    expect(two[2]).toMatchObject({ employeeAmountType: "%", employeeAnnualMax: "23000.00" });
    expect(await readBenefits("?employeeId=999")).toEqual([]);
  });

  it("is deterministic per employee and marks waived plans", async () => {
    const first = await readBenefits("?employeeId=3");
    await simulator?.close();
    simulator = undefined;
    expect(await readBenefits("?employeeId=3")).toEqual(first);
    expect(first.find((row) => row.benefitType === "Dental")?.enrollmentStatus).toBe("Waived");
  });
});
