import type { Compensation, PayFrequency, PayUnit } from "@tandem/hr-model";
import { z } from "zod";
import { ConnectorError } from "../contract";
import { decimalToMinorUnits } from "../money";

/**
 * One row of BambooHR's effective-dated `compensation` table
 * (`GET /v1/employees/{id}/tables/compensation`, an array of rows).
 *
 * What this relies on: the research sheet names the table and its fields (`payRate`,
 * `payType`, `payPer`, `paySchedule`, `exempt`) and says BambooHR money is a decimal string or
 * `{currency, amount}`. The row shape — `id`, `employeeId`, `startDate`,
 * `rate: {value, currency}`, `type`, `paidPer`, `paySchedule`, `exempt`, `reason`, `comment` —
 * follows BambooHR's public table documentation as quoted in issue #4; it is not confirmed
 * against a live account. Ids may come as numbers, so they are read as either.
 */
export const BambooHrCompensationRow = z.looseObject({
  id: z.union([z.string().min(1), z.number()]).transform(String),
  employeeId: z
    .union([z.string().min(1), z.number()])
    .transform(String)
    .optional(),
  startDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected YYYY-MM-DD"),
  rate: z.looseObject({
    value: z.string(),
    currency: z.string().regex(/^[A-Z]{3}$/, "expected an ISO 4217 code"),
  }),
  type: z.string().nullish(),
  paidPer: z.string(),
  paySchedule: z.string().nullish(),
  exempt: z.string().nullish(),
  reason: z.string().nullish(),
  comment: z.string().nullish(),
});
export type BambooHrCompensationRow = z.infer<typeof BambooHrCompensationRow>;

/**
 * `paidPer` values BambooHR ships with; anything else (a renamed option, or "Quarter", which the
 * model has no unit for) is a permanent error rather than a mis-scaled rate.
 */
const PAID_PER_TO_UNIT: Record<string, PayUnit> = {
  Hour: "hour",
  Day: "day",
  Week: "week",
  Month: "month",
  Year: "year",
  "Pay Period": "paycheck",
  Paycheck: "paycheck",
};

/**
 * `paySchedule` names are company-defined in BambooHR; the defaults are mapped and anything
 * else reads as an unknown frequency (null), since the rate itself is still right.
 */
const SCHEDULE_TO_FREQUENCY: Record<string, PayFrequency> = {
  Weekly: "weekly",
  "Every week": "weekly",
  "Every other week": "biweekly",
  "Bi-weekly": "biweekly",
  Biweekly: "biweekly",
  "Twice a month": "semimonthly",
  "Semi-monthly": "semimonthly",
  Monthly: "monthly",
  "Once a month": "monthly",
  Quarterly: "quarterly",
  "Twice a year": "semiannually",
  Annually: "annually",
  Yearly: "annually",
};

/** A compensation row as a model `Compensation`; the rate becomes integer minor units. */
export function bambooHrToCompensation(
  raw: BambooHrCompensationRow,
  employeeId: string,
): Compensation {
  const where = `BambooHR compensation row ${raw.id}`;
  const payUnit = PAID_PER_TO_UNIT[raw.paidPer];
  if (payUnit === undefined) {
    throw new ConnectorError(
      `${where} paidPer is ${JSON.stringify(raw.paidPer)}, expected one of ${Object.keys(PAID_PER_TO_UNIT).join(", ")}`,
      "permanent",
    );
  }
  return {
    id: raw.id,
    employeeId,
    rate: decimalToMinorUnits(raw.rate.value, raw.rate.currency, `${where} rate.value`),
    currency: raw.rate.currency,
    payUnit,
    payFrequency: SCHEDULE_TO_FREQUENCY[raw.paySchedule ?? ""] ?? null,
    effectiveDate: raw.startDate,
  };
}
