import type { AdminWriteResult, VendorAdmin } from "../shared/admin-api";
import { BAMBOOHR_EMPLOYMENT_STATUSES } from "./employment-status";
import { BAMBOOHR_FIELD_NAMES, isValidDate, parseBambooHrFields } from "./fields";
import type { BambooHrStore, EmploymentEdit, PayEdit } from "./store";

type Failure = { ok: false; status: number; message: string };
type AdminEdit = {
  fields: Record<string, unknown>;
  employmentHistoryStatus?: string;
  pay: PayEdit;
};

const PAY_RATE = /^(\d+(?:\.\d+)?) ([A-Z]{3})$/;

/**
 * Splits an admin edit into what BambooHR's UI writes where: plain fields on the employee,
 * `employmentHistoryStatus` as an employmentStatus row, pay fields (`payRate` "60000.00 USD",
 * `payPer`, `payType`, `exempt`, `payRateEffectiveDate`) as a compensation row.
 */
function splitAdminEdit(input: unknown): AdminEdit | Failure {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return { ok: false, status: 400, message: "The request body must be a JSON object of fields." };
  }
  const fields: Record<string, unknown> = {};
  const pay: PayEdit = {};
  let employmentHistoryStatus: string | undefined;
  const invalid = (name: string, value: unknown): Failure => ({
    ok: false,
    status: 409,
    message: `Invalid value for field "${name}": ${JSON.stringify(value)}.`,
  });
  for (const [name, value] of Object.entries(input as Record<string, unknown>)) {
    if (name === "employmentHistoryStatus") {
      if (
        typeof value !== "string" ||
        !(BAMBOOHR_EMPLOYMENT_STATUSES as readonly string[]).includes(value)
      ) {
        return invalid(name, value);
      }
      employmentHistoryStatus = value;
    } else if (name === "payRate") {
      const match = typeof value === "string" ? PAY_RATE.exec(value.trim()) : null;
      if (!match?.[1] || !match[2]) return invalid(name, value);
      pay.rate = { value: Number(match[1]).toFixed(2), currency: match[2] };
    } else if (name === "payRateEffectiveDate") {
      if (typeof value !== "string" || !isValidDate(value)) return invalid(name, value);
      pay.startDate = value;
    } else if (name === "payPer" || name === "payType" || name === "exempt") {
      if (typeof value !== "string" || value.trim() === "") return invalid(name, value);
      pay[name === "payPer" ? "paidPer" : name === "payType" ? "type" : "exempt"] = value;
    } else {
      fields[name] = value;
    }
  }
  return { fields, pay, ...(employmentHistoryStatus ? { employmentHistoryStatus } : {}) };
}

/**
 * The admin API edits BambooHR records with BambooHR's own field names and values, as a person
 * in BambooHR would: status and termination date become employmentStatus rows (a termination
 * or a rehire), pay becomes a compensation row. Every change fires the employee webhook.
 */
export function createBambooHrAdmin(store: BambooHrStore): VendorAdmin {
  function applyTables(id: string, edit: AdminEdit, employment: EmploymentEdit): Failure | null {
    const changed = store.editEmployment(id, {
      ...employment,
      ...(edit.employmentHistoryStatus
        ? { employmentHistoryStatus: edit.employmentHistoryStatus }
        : {}),
    });
    if (!changed.ok) return changed;
    if (Object.keys(edit.pay).length > 0) {
      const paid = store.editPay(id, edit.pay);
      if (!paid.ok) return paid;
    }
    return null;
  }

  return {
    vendorName: "BambooHR",
    formFields: [
      { name: "firstName", label: "First name" },
      { name: "lastName", label: "Last name" },
      { name: "workEmail", label: "Work email" },
      { name: "jobTitle", label: "Job title" },
      { name: "department", label: "Department" },
      { name: "status", label: "Status", options: ["Active", "Inactive"] },
      { name: "terminationDate", label: "Termination date" },
      {
        name: "employmentHistoryStatus",
        label: "Employment status",
        options: BAMBOOHR_EMPLOYMENT_STATUSES.filter((status) => status !== "Terminated"),
      },
      { name: "payRate", label: "Pay rate" },
      { name: "payPer", label: "Pay per", options: ["Hour", "Week", "Month", "Year"] },
    ],
    listRecords: () => store.list(),
    rows: () =>
      store.list().map((record) => ({
        id: record.id,
        values: Object.fromEntries(BAMBOOHR_FIELD_NAMES.map((name) => [name, record[name] ?? ""])),
      })),
    create(input): AdminWriteResult {
      const edit = splitAdminEdit(input);
      if ("ok" in edit) return edit;
      const parsed = parseBambooHrFields(edit.fields, "create");
      if (!parsed.ok) return parsed;
      if (Object.keys(edit.pay).length > 0 && (!edit.pay.rate || !edit.pay.paidPer)) {
        return { ok: false, status: 400, message: "A first pay rate needs payRate and payPer." };
      }
      const record = store.create(parsed.fields);
      const hireDate = parsed.fields.hireDate;
      const failure = applyTables(record.id, edit, typeof hireDate === "string" ? { hireDate } : {});
      return failure ?? { ok: true, record: store.get(record.id) };
    },
    update(id, input): AdminWriteResult {
      if (!store.get(id)) return { ok: false, status: 404, message: `No employee ${id}.` };
      const edit = splitAdminEdit(input);
      if ("ok" in edit) return edit;
      const parsed = parseBambooHrFields(edit.fields, "update");
      if (!parsed.ok) return parsed;
      const { status, terminationDate, ...plain } = parsed.fields;
      store.update(id, plain);
      const failure = applyTables(id, edit, {
        ...(status === undefined ? {} : { status }),
        ...(terminationDate === undefined ? {} : { terminationDate }),
        ...(plain.hireDate === undefined ? {} : { hireDate: plain.hireDate }),
      });
      return failure ?? { ok: true, record: store.get(id) };
    },
  };
}
