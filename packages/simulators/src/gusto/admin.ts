import type { AdminRouteResult, AdminWriteResult, VendorAdmin } from "../shared/admin-api";
import { matchRoute } from "../shared/route";
import { parseGustoEmployeeBenefitCreate, parseGustoEmployeeBenefitUpdate } from "./benefits";
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

function routeFailure(status: number, errors: GustoError[]): AdminRouteResult {
  return { status, body: { error: errors.map((error) => error.message).join("; ") } };
}

/**
 * Benefit enrollments as a person edits them in Gusto: `GET /_admin/company_benefits`,
 * `GET /_admin/employee_benefits[?employee_uuid=]`, `PATCH /_admin/employee_benefits/{uuid}`
 * (any field of `PUT /v1/employee_benefits/{id}`, no version needed) and
 * `POST /_admin/employees/{id}/employee_benefits`. Each change fires Gusto's event.
 */
function benefitRoutes(
  store: GustoStore,
  method: string,
  path: string,
  url: URL,
  body: unknown,
): AdminRouteResult | null {
  if (method === "GET" && path === "/_admin/company_benefits") {
    return { status: 200, body: store.listCompanyBenefits() };
  }
  if (method === "GET" && path === "/_admin/employee_benefits") {
    const employee = url.searchParams.get("employee_uuid");
    const benefits =
      employee === null
        ? store.list().flatMap((record) => store.benefitsOf(record.uuid) ?? [])
        : store.benefitsOf(employee);
    return benefits
      ? { status: 200, body: benefits }
      : { status: 404, body: { error: `No employee ${employee}.` } };
  }
  const benefit = matchRoute("/_admin/employee_benefits/:uuid", path);
  if (benefit?.uuid !== undefined && method === "PATCH") {
    const current = store.findEmployeeBenefit(benefit.uuid);
    if (!current) return { status: 404, body: { error: `No employee benefit ${benefit.uuid}.` } };
    const input = typeof body === "object" && body !== null ? body : {};
    const parsed = parseGustoEmployeeBenefitUpdate({ ...input, version: current.version }, current);
    if (!parsed.ok) return routeFailure(422, parsed.errors);
    return { status: 200, body: store.updateEmployeeBenefit(benefit.uuid, parsed.value.fields) };
  }
  const enroll = matchRoute("/_admin/employees/:id/employee_benefits", path);
  if (enroll?.id !== undefined && method === "POST") {
    if (!store.get(enroll.id)) return { status: 404, body: { error: `No employee ${enroll.id}.` } };
    const parsed = parseGustoEmployeeBenefitCreate(body, new Date().toISOString().slice(0, 10));
    if (!parsed.ok) return routeFailure(422, parsed.errors);
    if (!store.findCompanyBenefit(parsed.value.company_benefit_uuid)) {
      return {
        status: 422,
        body: { error: "company_benefit_uuid is not a benefit of the company" },
      };
    }
    return {
      status: 201,
      body: store.createEmployeeBenefit(
        enroll.id,
        parsed.value.company_benefit_uuid,
        parsed.value.fields,
      ),
    };
  }
  return null;
}

/**
 * The admin API edits Gusto employees through a flat form, as a person would in Gusto's UI:
 * person fields by their API names (incl. `phone`, `date_of_birth`,
 * `current_employment_status`), plus `job_title`, `hire_date`, `status` (active, onboarding,
 * terminated), `termination_date` (with status terminated, or to move the active
 * termination), and the current compensation's `rate`, `payment_unit`, `flsa_status` and
 * `compensation_effective_date` (edited in place). Benefit enrollments: `benefitRoutes`.
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
      const terminating = parsed.value.status === "terminated" || store.get(id)?.terminated;
      if (parsed.value.termination_date != null && !terminating) {
        return {
          ok: false,
          status: 422,
          message: "termination_date needs status terminated (the employee is not terminated)",
        };
      }
      return { ok: true, record: store.adminUpdate(id, parsed.value) };
    },
    route: (method, path, url, body) => benefitRoutes(store, method, path, url, body),
  };
}
