import type { Compensation, PayUnit } from "@tandem/hr-model";
import { z } from "zod";
import { decimalToMinorUnits, minorUnitsToDecimal } from "../money";

/** Gusto pays in US dollars only. */
export const GUSTO_CURRENCY = "USD";

export const GUSTO_PAYMENT_UNITS = ["Hour", "Week", "Month", "Year", "Paycheck"] as const;
export const GUSTO_FLSA_STATUSES = [
  "Exempt",
  "Salaried Nonexempt",
  "Nonexempt",
  "Owner",
  "Commission Only Exempt",
  "Commission Only Nonexempt",
] as const;

export const GustoCompensation = z.looseObject({
  uuid: z.string().min(1),
  version: z.string().min(1),
  job_uuid: z.string().min(1),
  rate: z.string(),
  payment_unit: z.enum(GUSTO_PAYMENT_UNITS),
  flsa_status: z.enum(GUSTO_FLSA_STATUSES).nullish(),
  effective_date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected YYYY-MM-DD"),
});
export type GustoCompensation = z.infer<typeof GustoCompensation>;

export const GustoJobWithCompensations = z.looseObject({
  uuid: z.string().min(1),
  compensations: z.array(GustoCompensation).nullish(),
});

const UNIT_TO_MODEL: Record<GustoCompensation["payment_unit"], PayUnit> = {
  Hour: "hour",
  Week: "week",
  Month: "month",
  Year: "year",
  Paycheck: "paycheck",
};

/** `rate` ("60000.00") becomes USD cents; the pay frequency lives on Gusto's pay schedule. */
export function gustoToCompensation(raw: GustoCompensation, employeeId: string): Compensation {
  return {
    id: raw.uuid,
    employeeId,
    rate: decimalToMinorUnits(raw.rate, GUSTO_CURRENCY, `Gusto compensation ${raw.uuid} rate`),
    currency: GUSTO_CURRENCY,
    payUnit: UNIT_TO_MODEL[raw.payment_unit],
    payFrequency: null,
    effectiveDate: raw.effective_date,
  };
}

/**
 * The body of `PUT /v1/compensations/{id}` (the caller adds `version`). Gusto has no day
 * unit, so a daily rate cannot be written; FLSA status is left as it is.
 */
export function compensationToGustoFields(compensation: Compensation): {
  rate: string;
  payment_unit: GustoCompensation["payment_unit"];
  effective_date: string;
} | null {
  const unit = (Object.keys(UNIT_TO_MODEL) as GustoCompensation["payment_unit"][]).find(
    (candidate) => UNIT_TO_MODEL[candidate] === compensation.payUnit,
  );
  if (unit === undefined || compensation.currency !== GUSTO_CURRENCY) return null;
  return {
    rate: minorUnitsToDecimal(compensation.rate, GUSTO_CURRENCY),
    payment_unit: unit,
    effective_date: compensation.effectiveDate,
  };
}
