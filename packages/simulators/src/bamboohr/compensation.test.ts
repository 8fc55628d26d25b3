import { afterEach, describe, expect, it } from "vitest";
import type { SimulatorHandle } from "../shared/vendor-simulator";
import type { BambooHrCompensationRow } from "./compensation";
import type { BambooHrEmployeeRecord } from "./fields";
import { startBambooHrSimulator } from "./server";

const API_KEY = "bamboo-key";
const AUTH = `Basic ${Buffer.from(`${API_KEY}:x`).toString("base64")}`;

let simulator: SimulatorHandle<BambooHrEmployeeRecord> | undefined;

afterEach(async () => {
  await simulator?.close();
  simulator = undefined;
});

async function readTable(id: string) {
  simulator ??= await startBambooHrSimulator({
    companyDomain: "acme",
    apiKey: API_KEY,
    seed: { count: 3, seed: 5 },
  });
  return fetch(`${simulator.url}/api/gateway.php/acme/v1/employees/${id}/tables/compensation`, {
    headers: { Authorization: AUTH, Accept: "application/json" },
  });
}

describe("BambooHR simulator compensation table", () => {
  it("returns effective-dated rows, oldest first, with rate {value, currency}", async () => {
    const response = await readTable("1");
    expect(response.status).toBe(200);
    const rows = (await response.json()) as BambooHrCompensationRow[];
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const row of rows) {
      expect(row.employeeId).toBe("1");
      expect(row.startDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(row.rate.currency).toBe("USD");
      expect(row.rate.value).toMatch(/^\d+\.\d{2}$/);
      expect(Object.keys(row).sort()).toEqual(
        [
          "comment",
          "employeeId",
          "exempt",
          "id",
          "paidPer",
          "paySchedule",
          "rate",
          "reason",
          "startDate",
          "type",
        ].sort(),
      );
    }
    const dates = rows.map((row) => row.startDate);
    expect([...dates].sort()).toEqual(dates);
  });

  it("is deterministic per employee across simulator restarts", async () => {
    const first = await (await readTable("2")).json();
    await simulator?.close();
    simulator = undefined;
    expect(await (await readTable("2")).json()).toEqual(first);
  });

  it("answers 404 for an unknown employee", async () => {
    const response = await readTable("999");
    expect(response.status).toBe(404);
    expect(response.headers.get("x-bamboohr-error-message")).toBe("Employee not found.");
  });
});
