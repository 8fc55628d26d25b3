import { z } from "zod";
import { ConnectorError } from "../contract";
import type { HttpClient } from "../http";
import type { EntityPage, EntityRecord, SyncEntity } from "../sync-entity";
import { parseVendorResponse } from "../vendor-response";
import { BambooHrEmployeeBenefitRow, bambooHrToBenefitEnrollment } from "./benefits";

const DEFAULT_PAGE_LIMIT = 250;

const EmployeeEmail = z.looseObject({
  id: z.union([z.string(), z.number()]).transform(String),
  workEmail: z.string().nullish(),
});
const EmployeeEmailPage = z.object({
  data: z.array(EmployeeEmail),
  meta: z.object({ page: z.object({ nextCursor: z.string().nullish() }) }),
});

function emailOrNull(value: string | null | undefined): string | null {
  return value === undefined || value === null || value.trim() === "" ? null : value;
}

/**
 * BambooHR benefit enrollments for the plan-driven engine, in the shape of side A of the HRIS ⇄
 * payroll benefit-deductions template: Tandem's normalized `BenefitEnrollment` fields plus the
 * person's `employeeWorkEmail`. Ids are `{employeeId}-{companyBenefitId}-{deductionStartDate}`
 * (BambooHR documents no row id), so `read` knows whose rows to fetch.
 *
 * Read only: BambooHR's public API lists enrollments (`GET /v1/benefit/employee_benefit`) but
 * has no call that writes one, so `create` and `update` refuse permanently.
 *
 * How changes are picked up: BambooHR sends no webhook for benefits. A termination ends the
 * person's enrollments in BambooHR's benefits administration, and it arrives as an employee
 * webhook; `recordsConcerned` maps that event to the person's enrollments, so they re-sync and
 * the payroll deduction stops. Any other enrollment change (made in BambooHR's benefits
 * screens) is found by the reconciliation, which pages through `list`.
 */
export class BambooHrBenefitEnrollmentEntity implements SyncEntity {
  readonly entity = "BenefitEnrollment";

  constructor(
    private readonly http: HttpClient,
    private readonly pageLimit: number = DEFAULT_PAGE_LIMIT,
  ) {}

  async read(id: string): Promise<EntityRecord | null> {
    const employeeId = /^(\d+)-/.exec(id)?.[1];
    if (employeeId === undefined) return null;
    const records = await this.enrollmentsOf(employeeId);
    return records.find((record) => record.id === id) ?? null;
  }

  /** Pages through employees (BambooHR's cursor), returning their enrollments. */
  async list(cursor?: string | null): Promise<EntityPage> {
    const response = await this.http.request({
      method: "GET",
      path: "/employees",
      query: {
        fields: "workEmail",
        "page[limit]": String(this.pageLimit),
        ...(cursor ? { "page[after]": cursor } : {}),
      },
    });
    const page = parseVendorResponse(EmployeeEmailPage, response.body, "BambooHR employee list");
    const emails = new Map(page.data.map((person) => [person.id, emailOrNull(person.workEmail)]));
    const rows = (await this.readRows()).filter((row) => emails.has(row.employeeId));
    return {
      items: toRecords(rows, (employeeId) => emails.get(employeeId) ?? null),
      nextCursor: page.meta.page.nextCursor ?? null,
    };
  }

  /** An employee event (a termination, say) concerns every enrollment of that person. */
  async recordsConcerned(event: { entity: string; externalId: string }): Promise<string[]> {
    if (event.entity !== "employee") return [];
    const rows = await this.readRows(event.externalId);
    return toRecords(rows, () => null).map((record) => record.id);
  }

  create(): Promise<EntityRecord> {
    return Promise.reject(readOnly("create an enrollment"));
  }

  update(id: string): Promise<EntityRecord | null> {
    return Promise.reject(readOnly(`change enrollment ${id}`));
  }

  private async enrollmentsOf(employeeId: string): Promise<EntityRecord[]> {
    const rows = await this.readRows(employeeId);
    if (rows.length === 0) return [];
    let email: string | null = null;
    try {
      const response = await this.http.request({
        method: "GET",
        path: `/employees/${encodeURIComponent(employeeId)}`,
        query: { fields: "workEmail" },
      });
      email = emailOrNull(
        parseVendorResponse(EmployeeEmail, response.body, `BambooHR employee ${employeeId}`)
          .workEmail,
      );
    } catch (error) {
      if (!(error instanceof ConnectorError && error.details.status === 404)) throw error;
    }
    return toRecords(rows, () => email);
  }

  private async readRows(employeeId?: string): Promise<BambooHrEmployeeBenefitRow[]> {
    const response = await this.http.request({
      method: "GET",
      path: "/benefit/employee_benefit",
      ...(employeeId === undefined ? {} : { query: { employeeId } }),
    });
    const rows = parseVendorResponse(
      z.array(BambooHrEmployeeBenefitRow),
      response.body,
      "BambooHR employee benefits",
    );
    return employeeId === undefined ? rows : rows.filter((row) => row.employeeId === employeeId);
  }
}

/** Enrolled rows as records (waived plans are no enrollment), oldest first per person. */
function toRecords(
  rows: BambooHrEmployeeBenefitRow[],
  emailOf: (employeeId: string) => string | null,
): EntityRecord[] {
  return rows
    .flatMap((row) => {
      const enrollment = bambooHrToBenefitEnrollment(row);
      return enrollment ? [enrollment] : [];
    })
    .sort(
      (a, b) =>
        Number(a.employeeId) - Number(b.employeeId) ||
        a.effectiveDate.localeCompare(b.effectiveDate),
    )
    .map((enrollment) => ({
      id: enrollment.id,
      fields: {
        ...enrollment,
        planName: enrollment.planName ?? null,
        employeeDeductionAnnualMaximum: enrollment.employeeDeductionAnnualMaximum ?? null,
        companyContributionType: enrollment.companyContributionType ?? null,
        companyContributionAmount: enrollment.companyContributionAmount ?? null,
        companyContributionAnnualMaximum: enrollment.companyContributionAnnualMaximum ?? null,
        endDate: enrollment.endDate ?? null,
        employeeWorkEmail: emailOf(enrollment.employeeId),
      },
      modifiedAt: null,
    }));
}

function readOnly(what: string): ConnectorError {
  return new ConnectorError(
    `BambooHR cannot ${what}: its public API has no benefit enrollment write (GET /v1/benefit/employee_benefit is read only); make the change in BambooHR's benefits administration`,
    "permanent",
  );
}
