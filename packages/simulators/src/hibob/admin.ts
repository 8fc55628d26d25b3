import type { AdminWriteResult, VendorAdmin } from "../shared/admin-api";
import { HIBOB_LIFECYCLE_STATUSES, parseHiBobAdminFields } from "./fields";
import type { HiBobStore, StoreResult } from "./store";

function toAdminResult(result: StoreResult): AdminWriteResult {
  return result.ok ? { ok: true, record: result.record } : result;
}

/**
 * The admin API edits Bob people through a flat form, as a person would in Bob's UI: names,
 * email, `title`, `department`, `site`, `startDate`, `lifecycleStatus` (Bob's six statuses)
 * and `terminationDate`.
 */
export function createHiBobAdmin(store: HiBobStore): VendorAdmin {
  return {
    vendorName: "HiBob",
    formFields: [
      { name: "firstName", label: "First name" },
      { name: "surname", label: "Last name" },
      { name: "title", label: "Job title" },
      { name: "department", label: "Department" },
      { name: "lifecycleStatus", label: "Lifecycle status", options: HIBOB_LIFECYCLE_STATUSES },
    ],
    listRecords: () => store.list(),
    rows: () =>
      store.list().map((record) => ({
        id: record.id,
        values: {
          firstName: record.firstName,
          surname: record.surname,
          title: record.work.title ?? "",
          department: record.work.department ?? "",
          lifecycleStatus: record.internal.lifecycleStatus,
        },
      })),
    create(input): AdminWriteResult {
      const parsed = parseHiBobAdminFields(input, "create");
      if (!parsed.ok) return { ok: false, status: 400, message: parsed.error.error };
      return toAdminResult(store.adminCreate(parsed.value));
    },
    update(id, input): AdminWriteResult {
      const parsed = parseHiBobAdminFields(input, "update");
      if (!parsed.ok) return { ok: false, status: 400, message: parsed.error.error };
      return toAdminResult(store.adminUpdate(id, parsed.value));
    },
  };
}
