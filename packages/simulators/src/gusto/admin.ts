import type { AdminWriteResult, VendorAdmin } from "../shared/admin-api";
import type { GustoEmployeeRecord } from "./fields";
import { GUSTO_ADMIN_STATUSES, parseGustoAdminFields, type GustoError } from "./fields";
import type { GustoStore } from "./store";

function adminStatus(record: GustoEmployeeRecord): string {
  if (record.terminated) return "terminated";
  return record.onboarded ? "active" : "onboarding";
}

function failure(status: number, errors: GustoError[]): AdminWriteResult {
  return { ok: false, status, message: errors.map((error) => error.message).join("; ") };
}

/**
 * The admin API edits Gusto employees through a flat form, as a person would in Gusto's UI:
 * person fields by their API names, plus `job_title`, `hire_date` and `status`
 * (active, onboarding, terminated).
 */
export function createGustoAdmin(store: GustoStore): VendorAdmin {
  return {
    vendorName: "Gusto",
    formFields: [
      { name: "first_name", label: "First name" },
      { name: "last_name", label: "Last name" },
      { name: "job_title", label: "Job title" },
      { name: "department", label: "Department" },
      { name: "status", label: "Status", options: GUSTO_ADMIN_STATUSES },
    ],
    listRecords: () => store.list(),
    rows: () =>
      store.list().map((record) => {
        const job = record.jobs.find((candidate) => candidate.primary);
        return {
          id: record.uuid,
          values: {
            first_name: record.first_name,
            last_name: record.last_name,
            job_title: job?.title ?? "",
            department: record.department ?? "",
            status: adminStatus(record),
          },
        };
      }),
    create(input): AdminWriteResult {
      const parsed = parseGustoAdminFields(input, "create");
      if (!parsed.ok) return failure(422, parsed.errors);
      return { ok: true, record: store.adminCreate(parsed.value) };
    },
    update(id, input): AdminWriteResult {
      if (!store.get(id)) return { ok: false, status: 404, message: `No employee ${id}.` };
      const parsed = parseGustoAdminFields(input, "update");
      if (!parsed.ok) return failure(422, parsed.errors);
      return { ok: true, record: store.adminUpdate(id, parsed.value) };
    },
  };
}
