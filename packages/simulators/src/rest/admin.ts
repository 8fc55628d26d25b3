import type { AdminWriteResult, VendorAdmin } from "../shared/admin-api";
import { REST_STATUSES, parseRestAdminFields, type RestFieldError } from "./fields";
import type { RestStore } from "./store";

function failure(errors: RestFieldError[]): AdminWriteResult {
  return {
    ok: false,
    status: 422,
    message: errors.map((error) => `${error.field} ${error.message}`).join("; "),
  };
}

/**
 * The admin API edits employees through a flat form, as a person would in the system's UI:
 * `first_name`, `last_name`, `preferred_name`, `work_email`, `job_title`, `department`,
 * `status` (ACTIVE, ON_LEAVE, TERMINATED, PENDING), `start_date`, `end_date` and
 * `employee_number`. Each real change fires a webhook.
 */
export function createRestAdmin(store: RestStore): VendorAdmin {
  return {
    vendorName: "REST HR",
    formFields: [
      { name: "first_name", label: "First name" },
      { name: "last_name", label: "Last name" },
      { name: "work_email", label: "Work email" },
      { name: "job_title", label: "Job title" },
      { name: "department", label: "Department" },
      { name: "status", label: "Status", options: REST_STATUSES },
    ],
    listRecords: () => store.list(),
    rows: () =>
      store.list().map((record) => ({
        id: record.id,
        values: {
          first_name: record.name.first,
          last_name: record.name.last,
          work_email: record.work_email ?? "",
          job_title: record.job_title ?? "",
          department: record.department ?? "",
          status: record.status,
        },
      })),
    create(input): AdminWriteResult {
      const parsed = parseRestAdminFields(input, "create");
      if (!parsed.ok) return failure(parsed.errors);
      return { ok: true, record: store.create(parsed.value) };
    },
    update(id, input): AdminWriteResult {
      if (!store.get(id)) return { ok: false, status: 404, message: `No employee ${id}.` };
      const parsed = parseRestAdminFields(input, "patch");
      if (!parsed.ok) return failure(parsed.errors);
      return { ok: true, record: store.update(id, parsed.value) };
    },
  };
}
