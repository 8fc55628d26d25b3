import type { AdminWriteResult, VendorAdmin } from "../shared/admin-api";
import { BAMBOOHR_FIELD_NAMES, parseBambooHrFields } from "./fields";
import type { BambooHrStore } from "./store";

/** The admin API edits BambooHR records with BambooHR's own field names and values. */
export function createBambooHrAdmin(store: BambooHrStore): VendorAdmin {
  return {
    vendorName: "BambooHR",
    formFields: [
      { name: "firstName", label: "First name" },
      { name: "lastName", label: "Last name" },
      { name: "jobTitle", label: "Job title" },
      { name: "department", label: "Department" },
      { name: "status", label: "Status", options: ["Active", "Inactive"] },
    ],
    listRecords: () => store.list(),
    rows: () =>
      store.list().map((record) => ({
        id: record.id,
        values: Object.fromEntries(BAMBOOHR_FIELD_NAMES.map((name) => [name, record[name] ?? ""])),
      })),
    create(input): AdminWriteResult {
      const parsed = parseBambooHrFields(input, "create");
      return parsed.ok ? { ok: true, record: store.create(parsed.fields) } : parsed;
    },
    update(id, input): AdminWriteResult {
      if (!store.get(id)) return { ok: false, status: 404, message: `No employee ${id}.` };
      const parsed = parseBambooHrFields(input, "update");
      return parsed.ok ? { ok: true, record: store.update(id, parsed.fields) } : parsed;
    },
  };
}
