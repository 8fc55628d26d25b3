import type { IncomingMessage } from "node:http";
import { readJsonBody } from "../shared/http";
import { matchRoute } from "../shared/route";
import { parseGustoEmployeeBenefitCreate } from "./benefits";
import {
  parseGustoCompensationCreate,
  parseGustoJobCreate,
  parseGustoJobUpdate,
  parseGustoRehire,
  parseGustoTerminationUpdate,
} from "./job-fields";
import {
  gustoErrors,
  invalidBody,
  invalidOperation,
  missing,
  staleVersion,
  type GustoReply,
} from "./replies";
import type { GustoStore } from "./store";

function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * Gusto's employment calls beyond the employee record: jobs (read, versioned update, create),
 * effective-dated compensations (create), terminations (list, versioned update of the active
 * one), rehire, work addresses, company benefits (list) and enrolling an employee in one.
 * Answers null for any other path.
 */
export function createGustoEmploymentApi(store: GustoStore, companyId: string) {
  async function body(request: IncomingMessage) {
    return readJsonBody(request);
  }

  return async function route(
    method: string,
    request: IncomingMessage,
    url: URL,
  ): Promise<GustoReply | null> {
    const path = url.pathname;

    const job = matchRoute("/v1/jobs/:jobId", path);
    if (job?.jobId !== undefined && (method === "GET" || method === "PUT")) {
      const current = store.findJob(job.jobId);
      if (!current) return missing("Job");
      if (method === "GET") return { status: 200, body: current };
      const read = await body(request);
      if (!read.ok) return invalidBody(read.message);
      const parsed = parseGustoJobUpdate(read.value);
      if (!parsed.ok) return gustoErrors(422, parsed.errors);
      if (parsed.value.version !== current.version) return staleVersion("job");
      return { status: 200, body: store.updateJob(job.jobId, parsed.value.fields) };
    }

    const employeeJobs = matchRoute("/v1/employees/:uuid/jobs", path);
    if (employeeJobs?.uuid !== undefined && method === "POST") {
      if (!store.get(employeeJobs.uuid)) return missing("Employee");
      const read = await body(request);
      if (!read.ok) return invalidBody(read.message);
      const parsed = parseGustoJobCreate(read.value);
      if (!parsed.ok) return gustoErrors(422, parsed.errors);
      return { status: 201, body: store.createJob(employeeJobs.uuid, parsed.value) };
    }

    const jobCompensations = matchRoute("/v1/jobs/:jobId/compensations", path);
    if (jobCompensations?.jobId !== undefined && method === "POST") {
      if (!store.findJob(jobCompensations.jobId)) return missing("Job");
      const read = await body(request);
      if (!read.ok) return invalidBody(read.message);
      const parsed = parseGustoCompensationCreate(read.value);
      if (!parsed.ok) return gustoErrors(422, parsed.errors);
      const date = parsed.value.effective_date ?? todayUtc();
      if (store.hasCompensationOn(jobCompensations.jobId, date)) {
        return gustoErrors(422, [
          {
            error_key: "effective_date",
            category: "invalid_attribute_value",
            message: `The job already has a compensation effective ${date}`,
          },
        ]);
      }
      return {
        status: 201,
        body: store.createCompensation(jobCompensations.jobId, parsed.value),
      };
    }

    const terminations = matchRoute("/v1/employees/:uuid/terminations", path);
    if (terminations?.uuid !== undefined && method === "GET") {
      const record = store.get(terminations.uuid);
      return record ? { status: 200, body: record.terminations } : missing("Employee");
    }

    const termination = matchRoute("/v1/terminations/:employeeId", path);
    if (termination?.employeeId !== undefined && method === "PUT") {
      if (!store.get(termination.employeeId)) return missing("Employee");
      const active = store.activeTermination(termination.employeeId);
      if (!active) return missing("Termination");
      const read = await body(request);
      if (!read.ok) return invalidBody(read.message);
      const parsed = parseGustoTerminationUpdate(read.value);
      if (!parsed.ok) return gustoErrors(422, parsed.errors);
      const { version, ...fields } = parsed.value;
      if (version !== active.version) return staleVersion("termination");
      return { status: 200, body: store.updateTermination(termination.employeeId, fields) };
    }

    const rehire = matchRoute("/v1/employees/:uuid/rehire", path);
    if (rehire?.uuid !== undefined && method === "POST") {
      const record = store.get(rehire.uuid);
      if (!record) return missing("Employee");
      if (!record.terminated) return invalidOperation("The employee is not terminated");
      const read = await body(request);
      if (!read.ok) return invalidBody(read.message);
      const parsed = parseGustoRehire(read.value);
      if (!parsed.ok) return gustoErrors(422, parsed.errors);
      if (parsed.value.work_location_uuid !== store.locationUuid) {
        return gustoErrors(422, [
          {
            error_key: "work_location_uuid",
            category: "invalid_attribute_value",
            message: "work_location_uuid is not a location of the company",
          },
        ]);
      }
      return { status: 201, body: store.rehire(rehire.uuid, parsed.value) };
    }

    const workAddresses = matchRoute("/v1/employees/:uuid/work_addresses", path);
    if (workAddresses?.uuid !== undefined && method === "GET") {
      const list = store.workAddressesOf(workAddresses.uuid);
      return list ? { status: 200, body: list } : missing("Employee");
    }

    const companyBenefits = matchRoute("/v1/companies/:companyId/company_benefits", path);
    if (companyBenefits?.companyId !== undefined && method === "GET") {
      if (companyBenefits.companyId !== companyId) return missing("Company");
      return { status: 200, body: store.listCompanyBenefits() };
    }

    const enroll = matchRoute("/v1/employees/:uuid/employee_benefits", path);
    if (enroll?.uuid !== undefined && method === "POST") {
      if (!store.get(enroll.uuid)) return missing("Employee");
      const read = await body(request);
      if (!read.ok) return invalidBody(read.message);
      const parsed = parseGustoEmployeeBenefitCreate(read.value, todayUtc());
      if (!parsed.ok) return gustoErrors(422, parsed.errors);
      if (!store.findCompanyBenefit(parsed.value.company_benefit_uuid)) {
        return gustoErrors(422, [
          {
            error_key: "company_benefit_uuid",
            category: "invalid_attribute_value",
            message: "company_benefit_uuid is not a benefit of the company",
          },
        ]);
      }
      return {
        status: 201,
        body: store.createEmployeeBenefit(
          enroll.uuid,
          parsed.value.company_benefit_uuid,
          parsed.value.fields,
        ),
      };
    }
    return null;
  };
}
