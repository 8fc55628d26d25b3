import type {
  AmountType,
  BenefitEnrollment,
  BenefitType,
  DeductionFrequency,
} from "@tandem/hr-model";
import { z } from "zod";
import { ConnectorError } from "../contract";
import { decimalToMinorUnits } from "../money";

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected YYYY-MM-DD");
const Id = z.union([z.string().min(1), z.number()]).transform(String);

/**
 * One row of `GET /v1/benefit/employee_benefit` (read only; BambooHR's public spec has no
 * benefit write endpoint).
 *
 * What this relies on: the research sheet documents the endpoint and the amount, type,
 * annual-maximum, currency, deduction-date, `enrollmentStatus` and `occurrencesPerYear`
 * fields. The plain-array reply, the `employeeId` filter and the plan fields
 * (`companyBenefitId`, `companyBenefitName`, `benefitType`) are assumptions the simulator
 * shares; they are not confirmed against a live account. BambooHR writes unset dates as
 * "0000-00-00", read here as no date.
 */
export const BambooHrEmployeeBenefitRow = z.looseObject({
  employeeId: Id,
  companyBenefitId: Id,
  companyBenefitName: z.string().nullish(),
  benefitType: z.string(),
  enrollmentStatus: z.string(),
  deductionStartDate: IsoDate,
  deductionEndDate: IsoDate.nullish(),
  employeeAmount: z.string(),
  employeeAmountType: z.enum(["$", "%"]),
  companyAmount: z.string().nullish(),
  companyAmountType: z.enum(["$", "%"]).nullish(),
  employeeAnnualMax: z.string().nullish(),
  companyAnnualMax: z.string().nullish(),
  currencyCode: z.string().regex(/^[A-Z]{3}$/, "expected an ISO 4217 code"),
  occurrencesPerYear: z.number().int(),
});
export type BambooHrEmployeeBenefitRow = z.infer<typeof BambooHrEmployeeBenefitRow>;

/** BambooHR benefit type names Tandem knows; anything else is a permanent error. */
const BENEFIT_TYPES: Record<string, BenefitType> = {
  Medical: "medical",
  Health: "medical",
  Dental: "dental",
  Vision: "vision",
  "401(k)": "401k",
  Retirement: "401k",
  "Roth 401(k)": "401k_roth",
  "403(b)": "403b",
  "457": "457",
  HSA: "hsa",
  FSA: "fsa_medical",
  "Dependent Care FSA": "fsa_dependent_care",
  Commuter: "commuter",
  Life: "life",
};

/** Deductions a year: 12 is monthly, 1 annual, 0 one-time, a payroll cadence every paycheck. */
function frequencyOf(occurrences: number, where: string): DeductionFrequency {
  if (occurrences === 12) return "monthly";
  if (occurrences === 1) return "annually";
  if (occurrences === 0) return "one_time";
  if ([24, 26, 52].includes(occurrences)) return "every_paycheck";
  throw new ConnectorError(
    `${where} occurrencesPerYear is ${occurrences}, expected 0, 1, 12, 24, 26 or 52`,
    "permanent",
  );
}

/** "$" amounts become minor units; "%" amounts basis points (two decimals of a percent). */
function amountOf(value: string, type: "$" | "%", currency: string, what: string) {
  const amountType: AmountType = type === "$" ? "fixed" : "percent";
  // A percent with two decimals scales by 100 exactly as a two-decimal currency does.
  const amount = decimalToMinorUnits(value, type === "$" ? currency : "USD", what);
  return { amountType, amount };
}

function dateOrNull(value: string | null | undefined): string | null {
  return value === undefined || value === null || value === "0000-00-00" ? null : value;
}

/**
 * The row as a model enrollment, or null when the person is not enrolled (`enrollmentStatus`
 * other than "Enrolled", such as a waived plan).
 */
export function bambooHrToBenefitEnrollment(
  raw: BambooHrEmployeeBenefitRow,
): BenefitEnrollment | null {
  if (raw.enrollmentStatus !== "Enrolled") return null;
  const where = `BambooHR employee benefit ${raw.employeeId}/${raw.companyBenefitId}`;
  const benefitType = BENEFIT_TYPES[raw.benefitType];
  if (benefitType === undefined) {
    throw new ConnectorError(
      `${where} benefitType is ${JSON.stringify(raw.benefitType)}, expected one of ${Object.keys(BENEFIT_TYPES).join(", ")}`,
      "permanent",
    );
  }
  const currency = raw.currencyCode;
  const employee = amountOf(
    raw.employeeAmount,
    raw.employeeAmountType,
    currency,
    `${where} employeeAmount`,
  );
  let company: { amountType: AmountType; amount: number } | null = null;
  if (raw.companyAmount !== undefined && raw.companyAmount !== null) {
    if (!raw.companyAmountType) {
      throw new ConnectorError(`${where} companyAmount has no companyAmountType`, "permanent");
    }
    company = amountOf(
      raw.companyAmount,
      raw.companyAmountType,
      currency,
      `${where} companyAmount`,
    );
  }
  const max = (value: string | null | undefined, what: string) =>
    value === undefined || value === null
      ? null
      : decimalToMinorUnits(value, currency, `${where} ${what}`);
  return {
    id: `${raw.employeeId}-${raw.companyBenefitId}-${raw.deductionStartDate}`,
    employeeId: raw.employeeId,
    benefitType,
    planName: raw.companyBenefitName ?? null,
    employeeDeductionType: employee.amountType,
    employeeDeductionAmount: employee.amount,
    employeeDeductionAnnualMaximum: max(raw.employeeAnnualMax, "employeeAnnualMax"),
    companyContributionType: company?.amountType ?? null,
    companyContributionAmount: company?.amount ?? null,
    companyContributionAnnualMaximum: max(raw.companyAnnualMax, "companyAnnualMax"),
    currency,
    frequency: frequencyOf(raw.occurrencesPerYear, where),
    effectiveDate: raw.deductionStartDate,
    endDate: dateOrNull(raw.deductionEndDate),
  };
}
