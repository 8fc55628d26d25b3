import { z } from "zod";
import { ConnectorError } from "../contract";
import type { EntityPage, EntityRecord, EntityWriteOptions, SyncEntity } from "../sync-entity";
import { parseVendorResponse } from "../vendor-response";
import { GustoCompanyBenefit, GustoEmployeeBenefit } from "./benefits";
import {
  collectPages,
  fieldMatches,
  flattenFields,
  hasNextPage,
  nullOnNotFound,
  pageNumber,
  staleError,
  staleOnConflict,
  valueAt,
  type GustoEntityContext,
} from "./entity-support";
import { gustoChangeListing } from "./events";

const Contribution = z.looseObject({ type: z.string(), value: z.unknown() });
const EmployeeBenefit = GustoEmployeeBenefit.extend({ contribution: Contribution.nullish() });
type EmployeeBenefit = z.infer<typeof EmployeeBenefit>;

const Employee = z.looseObject({ uuid: z.string().min(1), work_email: z.string().nullish() });
type Employee = z.infer<typeof Employee>;

/** Fields written with `PUT /v1/employee_benefits/{id}` under their own names. */
const WRITABLE = new Set([
  "active",
  "employee_deduction",
  "deduct_as_percentage",
  "employee_deduction_annual_maximum",
  "company_contribution_annual_maximum",
  "effective_date",
  "expiration_date",
]);
/** Fields that name the enrollment's plan or person: fixed once it exists. */
const IDENTITY = new Set(["company_benefit_uuid", "company_benefit_name", "employee_work_email"]);

/** The 2025-06-15 `contribution` object, or one built from the older flat fields. */
function contributionOf(raw: EmployeeBenefit): { type: string; value: unknown } {
  if (raw.contribution) return { type: raw.contribution.type, value: raw.contribution.value };
  return {
    type: raw.contribute_as_percentage === true ? "percentage" : "amount",
    value: raw.company_contribution ?? "0.00",
  };
}

function toBenefitRecord(
  raw: EmployeeBenefit,
  plan: GustoCompanyBenefit | null,
  workEmail: string | null,
): EntityRecord {
  return {
    id: raw.uuid,
    fields: {
      company_benefit_uuid: raw.company_benefit_uuid,
      company_benefit_name: plan?.description ?? null,
      employee_work_email: workEmail,
      active: raw.active !== false,
      employee_deduction: raw.employee_deduction ?? "0.00",
      deduct_as_percentage: raw.deduct_as_percentage === true,
      employee_deduction_annual_maximum: raw.employee_deduction_annual_maximum ?? null,
      contribution: contributionOf(raw),
      company_contribution_annual_maximum: raw.company_contribution_annual_maximum ?? null,
      effective_date: raw.effective_date,
      expiration_date: raw.expiration_date ?? null,
    },
    version: raw.version,
    modifiedAt: null,
  };
}

/**
 * The plan-driven engine's Gusto employee benefit (mapping side "gusto / employee_benefit"):
 * an employee's enrollment in a company benefit, i.e. the payroll deduction and the company's
 * contribution, with the plan's name and the employee's work email for matching. Updates send
 * the version read and get 409 (`stale`) when it is outdated. Gusto exposes no modification
 * time, so `modifiedAt` is null. Gusto honours no idempotency key, so none is sent.
 */
export class GustoEmployeeBenefitEntity implements SyncEntity {
  readonly entity = "employee_benefit";
  /**
   * Enrollments named by the company's events since then (`GET /v1/events`): an
   * `EmployeeBenefit` event's own uuid, and every enrollment of an employee with an `Employee`
   * event (the record carries the employee's work email). Only with the system access token.
   */
  readonly listChangedSince?: (since: string) => Promise<string[]>;

  constructor(private readonly context: GustoEntityContext) {
    const listing = gustoChangeListing(context, this.entity, (subject) =>
      this.recordsConcerned(subject),
    );
    if (listing) this.listChangedSince = listing;
  }

  /** `GET /v1/employee_benefits/{id}`, its plan and its employee's work email. */
  async read(id: string): Promise<EntityRecord | null> {
    const raw = await nullOnNotFound(() =>
      this.getParsed(
        `/employee_benefits/${encodeURIComponent(id)}`,
        EmployeeBenefit,
        `Gusto employee benefit ${id}`,
      ),
    );
    if (raw === null) return null;
    const employee = await nullOnNotFound(() => this.employee(raw.employee_uuid));
    return toBenefitRecord(
      raw,
      await this.plan(raw.company_benefit_uuid, new Map()),
      employee?.work_email ?? null,
    );
  }

  /**
   * Gusto lists enrollments per employee, so a page is the enrollments of one page of the
   * company's employees (`page`/`per`), and the cursor is that page number.
   */
  async list(cursor?: string | null): Promise<EntityPage> {
    const page = pageNumber(cursor);
    const response = await this.context.http.request({
      method: "GET",
      path: `/companies/${encodeURIComponent(this.context.companyId)}/employees`,
      query: { page: String(page), per: String(this.context.perPage) },
    });
    const employees = parseVendorResponse(z.array(Employee), response.body, "Gusto employee list");
    const plans = new Map<string, GustoCompanyBenefit | null>();
    const items: EntityRecord[] = [];
    for (const employee of employees) items.push(...(await this.benefitsOf(employee, plans)));
    const more = hasNextPage(response.headers, page, employees.length, this.context.perPage);
    return { items, nextCursor: more ? String(page + 1) : null };
  }

  /** By work email: that employee's enrollments; other fields: through the listing. */
  async findByField(field: string, value: string): Promise<EntityRecord[]> {
    if (field === "employee_work_email") {
      const employee = await this.employeeByWorkEmail(value);
      return employee ? this.benefitsOf(employee, new Map()) : [];
    }
    return collectPages(
      (cursor) => this.list(cursor),
      (record) => fieldMatches(field, valueAt(record.fields, field), value),
    );
  }

  /** A change of an employee (a termination, say) concerns that employee's enrollments. */
  async recordsConcerned(event: { entity: string; externalId: string }): Promise<string[]> {
    if (event.entity !== "employee") return [];
    const benefits = await nullOnNotFound(() => this.rawBenefitsOf(event.externalId));
    return (benefits ?? []).map((benefit) => benefit.uuid);
  }

  /**
   * `POST /v1/employees/{id}/employee_benefits` for the employee with `employee_work_email`, in
   * the plan `company_benefit_uuid` (or the plan whose name is `company_benefit_name`).
   */
  async create(
    fields: Record<string, unknown>,
    _options: EntityWriteOptions,
  ): Promise<EntityRecord> {
    const flat = flattenFields(fields);
    const email = flat.get("employee_work_email");
    const employee = typeof email === "string" ? await this.employeeByWorkEmail(email) : null;
    if (employee === null) {
      throw new ConnectorError(
        `Gusto has no employee with work email ${JSON.stringify(email)} to enroll`,
        "permanent",
      );
    }
    const planId = await this.planIdFor(
      flat.get("company_benefit_uuid"),
      flat.get("company_benefit_name"),
    );
    const body: Record<string, unknown> = { company_benefit_uuid: planId };
    for (const [path, value] of flat) {
      if (WRITABLE.has(path)) body[path] = value;
    }
    const type = flat.get("contribution.type");
    const value = flat.get("contribution.value");
    if (type !== undefined || value !== undefined) {
      body.contribution = { type: type ?? "amount", value: value ?? "0.00" };
    }
    const response = await this.context.http.request({
      method: "POST",
      path: `/employees/${encodeURIComponent(employee.uuid)}/employee_benefits`,
      json: body,
    });
    const created = parseVendorResponse(
      EmployeeBenefit,
      response.body,
      "Gusto created employee benefit",
    );
    return toBenefitRecord(
      created,
      await this.plan(planId, new Map()),
      employee.work_email ?? null,
    );
  }

  /**
   * `PUT /v1/employee_benefits/{id}` with the patched fields and the version read. Gusto takes
   * the contribution as one `{type, value}` object: when the patch changes only one half, the
   * other comes from the enrollment, read and checked to still be at that version.
   */
  async update(
    id: string,
    patch: Record<string, unknown>,
    options: EntityWriteOptions,
  ): Promise<EntityRecord | null> {
    const what = `Gusto employee benefit ${id}`;
    if (options.version === undefined) {
      throw new ConnectorError(
        `${what}: an update needs the version it was computed from`,
        "permanent",
      );
    }
    const version = options.version;
    const body: Record<string, unknown> = { version };
    const contribution: { type?: unknown; value?: unknown } = {};
    for (const [path, value] of flattenFields(patch)) {
      if (WRITABLE.has(path)) body[path] = value;
      else if (path === "contribution.type") contribution.type = value;
      else if (path === "contribution.value") contribution.value = value;
      else if (IDENTITY.has(path)) {
        throw new ConnectorError(
          `${what}: ${path} cannot change; enroll in another plan or person instead`,
          "permanent",
        );
      } else {
        throw new ConnectorError(
          `${what}: "${path}" is not a field of the gusto employee_benefit entity`,
          "permanent",
        );
      }
    }
    if ("type" in contribution || "value" in contribution) {
      if (!("type" in contribution) || !("value" in contribution)) {
        const current = await this.getParsed(
          `/employee_benefits/${encodeURIComponent(id)}`,
          EmployeeBenefit,
          what,
        );
        if (current.version !== version) throw staleError(what);
        body.contribution = { ...contributionOf(current), ...contribution };
      } else {
        body.contribution = contribution;
      }
    }
    await staleOnConflict(what, () =>
      this.context.http.request({
        method: "PUT",
        path: `/employee_benefits/${encodeURIComponent(id)}`,
        json: body,
      }),
    );
    return null;
  }

  private async benefitsOf(
    employee: Employee,
    plans: Map<string, GustoCompanyBenefit | null>,
  ): Promise<EntityRecord[]> {
    const benefits = (await nullOnNotFound(() => this.rawBenefitsOf(employee.uuid))) ?? [];
    const records: EntityRecord[] = [];
    for (const benefit of benefits) {
      records.push(
        toBenefitRecord(
          benefit,
          await this.plan(benefit.company_benefit_uuid, plans),
          employee.work_email ?? null,
        ),
      );
    }
    return records;
  }

  private rawBenefitsOf(employeeId: string): Promise<EmployeeBenefit[]> {
    return this.getParsed(
      `/employees/${encodeURIComponent(employeeId)}/employee_benefits`,
      z.array(EmployeeBenefit),
      `Gusto employee benefits of employee ${employeeId}`,
    );
  }

  /** `GET /v1/company_benefits/{id}`, once per plan per `cache`. */
  private async plan(
    id: string,
    cache: Map<string, GustoCompanyBenefit | null>,
  ): Promise<GustoCompanyBenefit | null> {
    if (!cache.has(id)) {
      const plan = await nullOnNotFound(() =>
        this.getParsed(
          `/company_benefits/${encodeURIComponent(id)}`,
          GustoCompanyBenefit,
          `Gusto company benefit ${id}`,
        ),
      );
      cache.set(id, plan);
    }
    return cache.get(id) ?? null;
  }

  private async planIdFor(uuid: unknown, name: unknown): Promise<string> {
    if (typeof uuid === "string" && uuid !== "") return uuid;
    const plans = await this.getParsed(
      `/companies/${encodeURIComponent(this.context.companyId)}/company_benefits`,
      z.array(GustoCompanyBenefit),
      "Gusto company benefits",
    );
    const wanted = typeof name === "string" ? name.trim().toLowerCase() : null;
    const plan = plans.find((candidate) => candidate.description?.trim().toLowerCase() === wanted);
    if (!plan) {
      throw new ConnectorError(
        `Gusto has no company benefit ${JSON.stringify(name ?? uuid)} to enroll in`,
        "permanent",
      );
    }
    return plan.uuid;
  }

  private employee(id: string): Promise<Employee> {
    return this.getParsed(`/employees/${encodeURIComponent(id)}`, Employee, `Gusto employee ${id}`);
  }

  private async employeeByWorkEmail(email: string): Promise<Employee | null> {
    const wanted = email.trim().toLowerCase();
    let page = 1;
    for (;;) {
      const response = await this.context.http.request({
        method: "GET",
        path: `/companies/${encodeURIComponent(this.context.companyId)}/employees`,
        query: { page: String(page), per: String(this.context.perPage) },
      });
      const employees = parseVendorResponse(
        z.array(Employee),
        response.body,
        "Gusto employee list",
      );
      const match = employees.find(
        (employee) => employee.work_email?.trim().toLowerCase() === wanted,
      );
      if (match) return match;
      if (!hasNextPage(response.headers, page, employees.length, this.context.perPage)) return null;
      page++;
    }
  }

  private async getParsed<T extends z.ZodType>(path: string, schema: T, what: string) {
    const response = await this.context.http.request({ method: "GET", path });
    return parseVendorResponse(schema, response.body, what);
  }
}
