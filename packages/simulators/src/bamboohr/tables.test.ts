import { afterEach, describe, expect, it } from "vitest";
import type { SimulatorHandle } from "../shared/vendor-simulator";
import type { BambooHrEmployeeRecord } from "./fields";
import { startBambooHrSimulator } from "./server";
import { BambooHrStore, type BambooHrChange } from "./store";

const API_KEY = "bamboo-key";
const AUTH = `Basic ${Buffer.from(`${API_KEY}:x`).toString("base64")}`;

let simulator: SimulatorHandle<BambooHrEmployeeRecord> | undefined;

afterEach(async () => {
  await simulator?.close();
  simulator = undefined;
});

async function start() {
  simulator = await startBambooHrSimulator({
    companyDomain: "acme",
    apiKey: API_KEY,
    seed: { count: 3, seed: 5 },
  });
}

function api(path: string, method = "GET", body?: unknown) {
  return fetch(`${simulator?.url}/api/gateway.php/acme/v1${path}`, {
    method,
    headers: {
      Authorization: AUTH,
      Accept: "application/json",
      "Content-Type": "application/json",
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

async function employee(id: string) {
  const fields =
    "status,terminationDate,employmentHistoryStatus,payRate,payPer,exempt,payRateEffectiveDate,hireDate";
  return (await (await api(`/employees/${id}?fields=${fields}`)).json()) as Record<string, string>;
}

function activeId(): string {
  return simulator?.state.employees().find((record) => record.status === "Active")?.id ?? "";
}

describe("BambooHR simulator employmentStatus and compensation tables", () => {
  it("derives status and termination from employmentStatus rows, and a termination ends coverage", async () => {
    await start();
    const id = activeId();
    const rows = (await (await api(`/employees/${id}/tables/employmentStatus`)).json()) as {
      employmentStatus: string;
    }[];
    expect(rows.map((row) => row.employmentStatus)).toEqual(["Full-Time"]);

    const added = await api(`/employees/${id}/tables/employmentStatus`, "POST", {
      date: "2026-05-31",
      employmentStatus: "Terminated",
    });
    expect(added.status).toBe(200);
    expect(await employee(id)).toMatchObject({
      status: "Inactive",
      terminationDate: "2026-05-31",
      employmentHistoryStatus: "Terminated",
    });
    const benefits = (await (await api(`/benefit/employee_benefit?employeeId=${id}`)).json()) as {
      enrollmentStatus: string;
      deductionEndDate: string | null;
    }[];
    for (const row of benefits.filter((b) => b.enrollmentStatus === "Enrolled")) {
      expect(row.deductionEndDate).toBe("2026-05-31");
    }

    await api(`/employees/${id}/tables/employmentStatus`, "POST", {
      date: "2026-07-01",
      employmentStatus: "Part-Time",
    });
    expect(await employee(id)).toMatchObject({
      status: "Active",
      terminationDate: "0000-00-00",
      employmentHistoryStatus: "Part-Time",
    });
  });

  it("refuses rows BambooHR would refuse, and direct writes of table fields", async () => {
    await start();
    const badStatus = await api("/employees/1/tables/employmentStatus", "POST", {
      date: "2026-01-01",
      employmentStatus: "Gone",
    });
    expect(badStatus.status).toBe(409);
    const badDate = await api("/employees/1/tables/compensation", "POST", {
      startDate: "soon",
      rate: { value: "1", currency: "USD" },
      paidPer: "Year",
    });
    expect(badDate.status).toBe(400);
    const direct = await api("/employees/1", "POST", { payRate: "1.00 USD" });
    expect(direct.status).toBe(400);
    expect(direct.headers.get("x-bamboohr-error-message")).toContain("compensation table");
    expect((await api("/employees/1/tables/jobInfo")).status).toBe(404);
    expect((await api("/employees/1/tables/compensation/42", "POST", { reason: "x" })).status).toBe(
      404,
    );
  });

  it("derives pay from the current compensation row", async () => {
    await start();
    const added = await api("/employees/2/tables/compensation", "POST", {
      startDate: "2026-04-01",
      rate: { value: "98000", currency: "USD" },
      paidPer: "Year",
    });
    expect(added.status).toBe(200);
    expect(await employee("2")).toMatchObject({
      payRate: "98000.00 USD",
      payPer: "Year",
      exempt: "Exempt",
      payRateEffectiveDate: "2026-04-01",
    });
    await api("/employees/2/tables/compensation", "POST", {
      startDate: "2999-01-01",
      rate: { value: "1000000", currency: "USD" },
      paidPer: "Year",
    });
    expect((await employee("2")).payRate).toBe("98000.00 USD");
  });

  it("lists changed employees since an instant", async () => {
    await start();
    // One millisecond after the seeded employees last changed: they are not "since" then.
    const seeded = (await (
      await api(`/employees/changed?since=${encodeURIComponent("1970-01-01T00:00:00Z")}`)
    ).json()) as { employees: Record<string, { lastChanged: string }> };
    const lastSeeded = Math.max(
      ...Object.values(seeded.employees).map((e) => Date.parse(e.lastChanged)),
    );
    const since = new Date(lastSeeded + 1).toISOString();
    while (Date.now() <= lastSeeded + 1) await new Promise((resolve) => setTimeout(resolve, 1));
    await api("/employees/3", "POST", { jobTitle: "Changed" });
    const reply = (await (
      await api(`/employees/changed?since=${encodeURIComponent(since)}`)
    ).json()) as {
      latest: string;
      employees: Record<string, { id: string; action: string; lastChanged: string }>;
    };
    expect(Object.keys(reply.employees)).toEqual(["3"]);
    expect(reply.employees["3"]).toMatchObject({ id: "3", action: "Updated" });
    const created = await api("/employees", "POST", { firstName: "New", lastName: "Hire" });
    const newId = created.headers.get("location")?.split("/").pop() ?? "";
    const listed = async (query: string) =>
      (
        (await (
          await api(`/employees/changed?since=${encodeURIComponent(since)}${query}`)
        ).json()) as { employees: Record<string, { action: string }> }
      ).employees;
    expect((await listed(""))[newId]).toMatchObject({ action: "Inserted" });
    expect(Object.keys(await listed("&type=updated"))).toEqual(["3"]);
    expect(Object.keys(await listed("&type=inserted"))).toEqual([newId]);
    expect(await listed("&type=deleted")).toEqual({});
    expect((await api("/employees/changed?since=yesterday")).status).toBe(400);
    expect((await api(`/employees/changed?since=${encodeURIComponent(since)}&type=x`)).status).toBe(
      400,
    );
  });

  it("the admin API edits status, employment status and pay as rows, as a person would", async () => {
    await start();
    const created = await fetch(`${simulator?.url}/_admin/employees`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        firstName: "Lin",
        lastName: "Yu",
        hireDate: "2025-03-01",
        employmentHistoryStatus: "Intern",
        payRate: "25.50 USD",
        payPer: "Hour",
        payRateEffectiveDate: "2025-03-01",
      }),
    });
    expect(created.status).toBe(201);
    const record = (await created.json()) as BambooHrEmployeeRecord;
    expect(record).toMatchObject({
      employmentHistoryStatus: "Intern",
      payRate: "25.50 USD",
      payType: "Hourly",
      exempt: "Non-exempt",
    });
    const rows = (await (
      await api(`/employees/${record.id}/tables/compensation`)
    ).json()) as unknown[];
    expect(rows).toHaveLength(1);
  });
});

describe("BambooHR store", () => {
  it("applies a future-dated row on its date and reports the change then", () => {
    let today = "2026-01-10";
    const changes: BambooHrChange[] = [];
    const store = new BambooHrStore(
      (change) => changes.push(change),
      () => today,
    );
    store.reset([{ firstName: "Ada", lastName: "Lovelace", hireDate: "2024-01-01" }]);
    store.addEmploymentStatusRow("1", {
      date: "2026-02-01",
      employmentStatus: "Terminated",
      terminationReasonId: null,
      terminationTypeId: null,
      terminationRehireId: null,
      terminationRegrettableId: null,
      comment: null,
    });
    expect(store.get("1")).toMatchObject({ status: "Active", terminationDate: "2026-02-01" });
    expect(changes.map((change) => change.changedFields)).toEqual([["terminationDate"]]);
    today = "2026-02-01";
    expect(store.get("1")).toMatchObject({
      status: "Inactive",
      employmentHistoryStatus: "Terminated",
    });
    expect(changes.at(-1)?.changedFields).toEqual(["status", "employmentHistoryStatus"]);
  });
});
