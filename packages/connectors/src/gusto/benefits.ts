import type { BenefitEnrollment, BenefitType } from "@tandem/hr-model";
import { z } from "zod";
import { ConnectorError } from "../contract";
import { decimalToMinorUnits, minorUnitsToDecimal } from "../money";
import { GUSTO_CURRENCY } from "./compensation";

const DATE = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected YYYY-MM-DD");
const DECIMAL = z.string();

/** `GET /v1/employee_benefits/{id}` and the items of `GET /v1/employees/{id}/employee_benefits`. */
export const GustoEmployeeBenefit = z.looseObject({
  uuid: z.string().min(1),
  version: z.string().min(1),
  employee_uuid: z.string().min(1),
  company_benefit_uuid: z.string().min(1),
  active: z.boolean().nullish(),
  employee_deduction: DECIMAL.nullish(),
  deduct_as_percentage: z.boolean().nullish(),
  employee_deduction_annual_maximum: DECIMAL.nullish(),
  company_contribution: DECIMAL.nullish(),
  contribute_as_percentage: z.boolean().nullish(),
  company_contribution_annual_maximum: DECIMAL.nullish(),
  effective_date: DATE,
  expiration_date: DATE.nullish(),
});
export type GustoEmployeeBenefit = z.infer<typeof GustoEmployeeBenefit>;

/** `GET /v1/company_benefits/{id}`: the plan, with Gusto's numeric benefit id. */
export const GustoCompanyBenefit = z.looseObject({
  uuid: z.string().min(1),
  benefit_type: z.number().int().nullish(),
  description: z.string().nullish(),
});
export type GustoCompanyBenefit = z.infer<typeof GustoCompanyBenefit>;

/**
 * Gusto's benefit ids that Tandem maps with confidence (1 medical, 2 dental, 3 vision).
 * Gusto has about 30 more (HSA, FSAs, retirement plans, ...); until their ids are checked
 * against `GET /v1/benefits` they read as a custom pre-tax deduction.
 */
const BENEFIT_TYPES: Partial<Record<number, BenefitType>> = {
  1: "medical",
  2: "dental",
  3: "vision",
};

/** An enrollment plus the `version` a later `updateBenefitEnrollment` must send. */
export type GustoBenefitEnrollment = BenefitEnrollment & { version: string };

/** Gusto amounts: dollars to cents, or a percentage ("1.50") to basis points (150). */
function toModelAmount(value: string | null | undefined, what: string): number {
  // A percentage has two decimals like a dollar amount, so the same exact conversion applies.
  return decimalToMinorUnits(value ?? "0", GUSTO_CURRENCY, what);
}

function toModelMaximum(value: string | null | undefined, what: string): number | null {
  return value === null || value === undefined
    ? null
    : decimalToMinorUnits(value, GUSTO_CURRENCY, what);
}

/** Gusto deducts and contributes on every paycheck, in US dollars. */
export function gustoToBenefitEnrollment(
  raw: GustoEmployeeBenefit,
  plan: GustoCompanyBenefit | undefined,
): GustoBenefitEnrollment {
  const what = `Gusto employee benefit ${raw.uuid}`;
  const contributes = raw.company_contribution !== null && raw.company_contribution !== undefined;
  return {
    id: raw.uuid,
    employeeId: raw.employee_uuid,
    benefitType: BENEFIT_TYPES[plan?.benefit_type ?? -1] ?? "custom_pre_tax",
    planName: plan?.description ?? null,
    employeeDeductionType: raw.deduct_as_percentage === true ? "percent" : "fixed",
    employeeDeductionAmount: toModelAmount(raw.employee_deduction, `${what} employee_deduction`),
    employeeDeductionAnnualMaximum: toModelMaximum(
      raw.employee_deduction_annual_maximum,
      `${what} employee_deduction_annual_maximum`,
    ),
    companyContributionType: contributes
      ? raw.contribute_as_percentage === true
        ? "percent"
        : "fixed"
      : null,
    companyContributionAmount: contributes
      ? toModelAmount(raw.company_contribution, `${what} company_contribution`)
      : null,
    companyContributionAnnualMaximum: toModelMaximum(
      raw.company_contribution_annual_maximum,
      `${what} company_contribution_annual_maximum`,
    ),
    currency: GUSTO_CURRENCY,
    frequency: "every_paycheck",
    effectiveDate: raw.effective_date,
    endDate: raw.expiration_date ?? null,
    version: raw.version,
  };
}

/**
 * The body of `PUT /v1/employee_benefits/{id}` (the caller adds `version`): the deduction
 * and contribution with their kinds and annual maximums, and the dates. Fields the
 * enrollment leaves undefined are left as they are in Gusto. Amounts Gusto cannot hold
 * (another currency, another frequency, a percentage over 100 %) are a permanent error.
 */
export function benefitEnrollmentToGustoFields(
  id: string,
  enrollment: BenefitEnrollment,
): Record<string, string | boolean | null> {
  const problem = (reason: string) =>
    new ConnectorError(`Gusto cannot hold benefit enrollment ${id}: ${reason}`, "permanent");
  if (enrollment.currency !== GUSTO_CURRENCY) {
    throw problem(`amounts are in ${enrollment.currency}, Gusto deducts USD only`);
  }
  if (enrollment.frequency !== "every_paycheck") {
    throw problem(`it is deducted ${enrollment.frequency}, Gusto deducts every paycheck`);
  }
  const amount = (value: number, isPercent: boolean, name: string) => {
    if (isPercent && value > 10_000) throw problem(`${name} is over 100 %`);
    return minorUnitsToDecimal(value, GUSTO_CURRENCY);
  };
  const fields: Record<string, string | boolean | null> = {
    employee_deduction: amount(
      enrollment.employeeDeductionAmount,
      enrollment.employeeDeductionType === "percent",
      "the employee deduction",
    ),
    deduct_as_percentage: enrollment.employeeDeductionType === "percent",
    effective_date: enrollment.effectiveDate,
  };
  if (enrollment.employeeDeductionAnnualMaximum !== undefined) {
    fields.employee_deduction_annual_maximum =
      enrollment.employeeDeductionAnnualMaximum === null
        ? null
        : minorUnitsToDecimal(enrollment.employeeDeductionAnnualMaximum, GUSTO_CURRENCY);
  }
  if (enrollment.companyContributionAmount !== undefined) {
    const isPercent = enrollment.companyContributionType === "percent";
    fields.company_contribution = amount(
      enrollment.companyContributionAmount ?? 0,
      isPercent,
      "the company contribution",
    );
    fields.contribute_as_percentage = isPercent;
  }
  if (enrollment.companyContributionAnnualMaximum !== undefined) {
    fields.company_contribution_annual_maximum =
      enrollment.companyContributionAnnualMaximum === null
        ? null
        : minorUnitsToDecimal(enrollment.companyContributionAnnualMaximum, GUSTO_CURRENCY);
  }
  if (enrollment.endDate !== undefined) fields.expiration_date = enrollment.endDate;
  return fields;
}
