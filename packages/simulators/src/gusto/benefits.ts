import { createHash } from "node:crypto";
import { isCalendarDate, type GustoError, type GustoParse } from "./fields";

/** A company's benefit plan (`/v1/company_benefits/{id}`); `benefit_type` is Gusto's benefit id. */
export interface GustoCompanyBenefit {
  uuid: string;
  version: string;
  company_uuid: string;
  benefit_type: number;
  description: string;
  active: boolean;
}

/**
 * The company's contribution as API version 2025-06-15 shapes it; `company_contribution` and
 * `contribute_as_percentage` are the older flat fields, kept in step with it.
 */
export interface GustoBenefitContribution {
  type: "amount" | "percentage";
  value: string;
}

/** An employee's enrollment (`/v1/employee_benefits/{id}`); amounts are decimal strings. */
export interface GustoEmployeeBenefit {
  uuid: string;
  version: string;
  employee_uuid: string;
  company_benefit_uuid: string;
  active: boolean;
  employee_deduction: string;
  deduct_as_percentage: boolean;
  employee_deduction_annual_maximum: string | null;
  company_contribution: string;
  contribute_as_percentage: boolean;
  contribution: GustoBenefitContribution;
  company_contribution_annual_maximum: string | null;
  effective_date: string;
  expiration_date: string | null;
}

export type GustoEmployeeBenefitFields = Partial<
  Omit<
    GustoEmployeeBenefit,
    "uuid" | "version" | "employee_uuid" | "company_benefit_uuid" | "contribution"
  >
>;

/** The 2025-06-15 `contribution` object for the flat fields. */
export function contributionOf(
  benefit: Pick<GustoEmployeeBenefit, "company_contribution" | "contribute_as_percentage">,
): GustoBenefitContribution {
  return {
    type: benefit.contribute_as_percentage ? "percentage" : "amount",
    value: benefit.company_contribution,
  };
}

/** A UUID-shaped id derived from `parts`, so a seed always yields the same ids. */
export function stableUuid(...parts: (string | number)[]): string {
  const hex = createHash("sha256").update(parts.join(":")).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The plans every simulated company offers: medical (Gusto benefit 1) and dental (2). */
export function seedCompanyBenefits(companyUuid: string, version: () => string) {
  const plan = (benefitType: number, description: string): GustoCompanyBenefit => ({
    uuid: stableUuid(companyUuid, "company_benefit", benefitType),
    version: version(),
    company_uuid: companyUuid,
    benefit_type: benefitType,
    description,
    active: true,
  });
  return { medical: plan(1, "Blue Shield PPO"), dental: plan(2, "Delta Dental") };
}

/**
 * Seeded enrollments for the `index`th person: everyone has medical with fixed amounts
 * (deduction 75.00 to 249.00, company 300.00); every other person also has dental deducted
 * as a percentage of pay (0.50 % to 2.25 %) with no company contribution.
 */
export function seedEmployeeBenefits(
  companyUuid: string,
  employeeUuid: string,
  index: number,
  plans: ReturnType<typeof seedCompanyBenefits>,
  version: () => string,
): GustoEmployeeBenefit[] {
  const medical: GustoEmployeeBenefit = {
    uuid: stableUuid(companyUuid, "employee_benefit", index, "medical"),
    version: version(),
    employee_uuid: employeeUuid,
    company_benefit_uuid: plans.medical.uuid,
    active: true,
    employee_deduction: (75 + ((index * 37) % 175)).toFixed(2),
    deduct_as_percentage: false,
    employee_deduction_annual_maximum: null,
    company_contribution: "300.00",
    contribute_as_percentage: false,
    contribution: { type: "amount", value: "300.00" },
    company_contribution_annual_maximum: "3600.00",
    effective_date: "2026-01-01",
    expiration_date: null,
  };
  if (index % 2 === 1) return [medical];
  const dental: GustoEmployeeBenefit = {
    uuid: stableUuid(companyUuid, "employee_benefit", index, "dental"),
    version: version(),
    employee_uuid: employeeUuid,
    company_benefit_uuid: plans.dental.uuid,
    active: true,
    employee_deduction: (0.5 + (index % 8) * 0.25).toFixed(2),
    deduct_as_percentage: true,
    employee_deduction_annual_maximum: "1200.00",
    company_contribution: "0.00",
    contribute_as_percentage: false,
    contribution: { type: "amount", value: "0.00" },
    company_contribution_annual_maximum: null,
    effective_date: "2026-01-01",
    expiration_date: "2026-12-31",
  };
  return [medical, dental];
}

const AMOUNT = /^\d{1,9}(\.\d{1,2})?$/;

function invalid(key: string, message: string): GustoError {
  return { error_key: key, category: "invalid_attribute_value", message };
}

/**
 * `POST /v1/employees/{id}/employee_benefits`: `company_benefit_uuid` required, the rest as on
 * update over Gusto's defaults (active, nothing deducted or contributed, effective today).
 */
export function parseGustoEmployeeBenefitCreate(
  input: unknown,
  today: string,
): GustoParse<{ company_benefit_uuid: string; fields: GustoEmployeeBenefitFields }> {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return { ok: false, errors: [invalid("base", "Body must be a JSON object")] };
  }
  const body = input as Record<string, unknown>;
  if (typeof body.company_benefit_uuid !== "string" || body.company_benefit_uuid === "") {
    return {
      ok: false,
      errors: [invalid("company_benefit_uuid", "company_benefit_uuid is required")],
    };
  }
  const defaults: GustoEmployeeBenefit = {
    uuid: "",
    version: "",
    employee_uuid: "",
    company_benefit_uuid: body.company_benefit_uuid,
    active: true,
    employee_deduction: "0.00",
    deduct_as_percentage: false,
    employee_deduction_annual_maximum: null,
    company_contribution: "0.00",
    contribute_as_percentage: false,
    contribution: { type: "amount", value: "0.00" },
    company_contribution_annual_maximum: null,
    effective_date: today,
    expiration_date: null,
  };
  const parsed = parseGustoEmployeeBenefitUpdate({ ...body, version: "new" }, defaults);
  if (!parsed.ok) return parsed;
  const {
    uuid: _uuid,
    version: _version,
    employee_uuid: _employee,
    company_benefit_uuid,
    contribution: _c,
    ...base
  } = defaults;
  return {
    ok: true,
    value: { company_benefit_uuid, fields: { ...base, ...parsed.value.fields } },
  };
}

/**
 * `PUT /v1/employee_benefits/{id}`: `version` required; amounts decimal strings (annual
 * maximums may be null); flags booleans; dates real days, expiration not before the
 * effective date; a percentage at most 100. Unknown fields are ignored.
 */
export function parseGustoEmployeeBenefitUpdate(
  input: unknown,
  current: GustoEmployeeBenefit,
): GustoParse<{ version: string; fields: GustoEmployeeBenefitFields }> {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return { ok: false, errors: [invalid("base", "Body must be a JSON object")] };
  }
  const body = input as Record<string, unknown>;
  const errors: GustoError[] = [];
  const fields: GustoEmployeeBenefitFields = {};
  if (typeof body.version !== "string" || body.version === "") {
    errors.push(invalid("version", "version is required"));
  }
  for (const name of ["employee_deduction", "company_contribution"] as const) {
    const value = body[name];
    if (value === undefined) continue;
    if (typeof value === "string" && AMOUNT.test(value)) fields[name] = value;
    else errors.push(invalid(name, `${name} must be a decimal string such as "100.00"`));
  }
  for (const name of [
    "employee_deduction_annual_maximum",
    "company_contribution_annual_maximum",
  ] as const) {
    const value = body[name];
    if (value === undefined) continue;
    if (value === null || (typeof value === "string" && AMOUNT.test(value))) fields[name] = value;
    else errors.push(invalid(name, `${name} must be a decimal string or null`));
  }
  for (const name of ["active", "deduct_as_percentage", "contribute_as_percentage"] as const) {
    const value = body[name];
    if (value === undefined) continue;
    if (typeof value === "boolean") fields[name] = value;
    else errors.push(invalid(name, `${name} must be true or false`));
  }
  if (body.contribution !== undefined) {
    const contribution = body.contribution as Record<string, unknown> | null;
    const type =
      typeof contribution === "object" && contribution !== null ? contribution.type : null;
    const value =
      typeof contribution === "object" && contribution !== null ? contribution.value : null;
    if (
      (type === "amount" || type === "percentage") &&
      typeof value === "string" &&
      AMOUNT.test(value)
    ) {
      fields.company_contribution = value;
      fields.contribute_as_percentage = type === "percentage";
    } else {
      errors.push(
        invalid(
          "contribution",
          'contribution must be {type: "amount" or "percentage", value: a decimal string}',
        ),
      );
    }
  }
  if (body.effective_date !== undefined) {
    if (typeof body.effective_date === "string" && isCalendarDate(body.effective_date)) {
      fields.effective_date = body.effective_date;
    } else {
      errors.push(invalid("effective_date", "effective_date must be a date (YYYY-MM-DD)"));
    }
  }
  if (body.expiration_date !== undefined) {
    const value = body.expiration_date;
    if (value === null || (typeof value === "string" && isCalendarDate(value))) {
      fields.expiration_date = value;
    } else {
      errors.push(
        invalid("expiration_date", "expiration_date must be a date (YYYY-MM-DD) or null"),
      );
    }
  }
  if (errors.length === 0) {
    const next = { ...current, ...fields };
    next.contribution = contributionOf(next);
    if (next.expiration_date !== null && next.expiration_date < next.effective_date) {
      errors.push(invalid("expiration_date", "expiration_date must not be before effective_date"));
    }
    const percentages = [
      ["employee_deduction", next.deduct_as_percentage, next.employee_deduction],
      ["company_contribution", next.contribute_as_percentage, next.company_contribution],
    ] as const;
    for (const [name, isPercentage, amount] of percentages) {
      if (isPercentage && Number(amount) > 100) {
        errors.push(invalid(name, `${name} as a percentage must be at most 100`));
      }
    }
  }
  return errors.length > 0
    ? { ok: false, errors }
    : { ok: true, value: { version: String(body.version), fields } };
}
