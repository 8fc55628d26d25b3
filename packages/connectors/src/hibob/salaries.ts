import type { Compensation, PayFrequency, PayUnit } from "@tandem/hr-model";
import { z } from "zod";
import { ConnectorError } from "../contract";
import { decimalToMinorUnits } from "../money";

/**
 * One entry of `GET /v1/people/{id}/salaries` (`{ values: [...] }`).
 *
 * What this relies on: the research sheet documents the salary write body
 * (`base{value,currency}, payPeriod, payFrequency, effectiveDate`), money as a number plus ISO
 * currency, and the `payPeriod` and `payFrequency` enums. The read reply's shape
 * (`{values: [{id, effectiveDate, base, payPeriod, payFrequency, ...}]}`) follows Bob's
 * documentation as quoted in issue #4; it is not confirmed against a live account.
 */
export const HiBobSalaryEntry = z.looseObject({
  id: z.union([z.string().min(1), z.number()]).transform(String),
  effectiveDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected YYYY-MM-DD"),
  base: z.looseObject({
    value: z.number().nonnegative(),
    currency: z.string().regex(/^[A-Z]{3}$/, "expected an ISO 4217 code"),
  }),
  payPeriod: z.string(),
  payFrequency: z.string().nullish(),
});
export type HiBobSalaryEntry = z.infer<typeof HiBobSalaryEntry>;

export const HiBobSalariesReply = z.object({ values: z.array(HiBobSalaryEntry) });

const PERIOD_TO_UNIT: Record<string, PayUnit> = {
  Annual: "year",
  Hourly: "hour",
  Daily: "day",
  Weekly: "week",
  Monthly: "month",
};

const FREQUENCY: Record<string, PayFrequency> = {
  Monthly: "monthly",
  "Semi Monthly": "semimonthly",
  Weekly: "weekly",
  "Bi-Weekly": "biweekly",
};

/**
 * A salary entry as a model `Compensation`. Bob sends the amount as a JSON number; it is read
 * through its shortest decimal form, so 65000.5 is exact and a float artefact such as
 * 0.30000000000000004 is a permanent error rather than a silently rounded rate.
 */
export function hiBobToCompensation(raw: HiBobSalaryEntry, employeeId: string): Compensation {
  const where = `HiBob salary ${raw.id}`;
  const payUnit = PERIOD_TO_UNIT[raw.payPeriod];
  if (payUnit === undefined) {
    throw new ConnectorError(
      `${where} payPeriod is ${JSON.stringify(raw.payPeriod)}, expected one of ${Object.keys(PERIOD_TO_UNIT).join(", ")}`,
      "permanent",
    );
  }
  let payFrequency: PayFrequency | null = null;
  if (raw.payFrequency !== undefined && raw.payFrequency !== null) {
    const mapped = FREQUENCY[raw.payFrequency];
    if (mapped === undefined) {
      throw new ConnectorError(
        `${where} payFrequency is ${JSON.stringify(raw.payFrequency)}, expected one of ${Object.keys(FREQUENCY).join(", ")}`,
        "permanent",
      );
    }
    payFrequency = mapped;
  }
  return {
    id: raw.id,
    employeeId,
    rate: decimalToMinorUnits(String(raw.base.value), raw.base.currency, `${where} base.value`),
    currency: raw.base.currency,
    payUnit,
    payFrequency,
    effectiveDate: raw.effectiveDate,
  };
}
