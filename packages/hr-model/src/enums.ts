import { z } from "zod";

// Closed enumerations of the normalized model. Each vendor's own values map onto these;
// the vendor's raw value travels in `VendorRaw.enumOrigins` so nothing is lost on write-back.

export const EMPLOYMENT_STATUSES = ["active", "leave", "terminated", "pending"] as const;
export const EmploymentStatus = z.enum(EMPLOYMENT_STATUSES);
export type EmploymentStatus = z.infer<typeof EmploymentStatus>;

export const EMPLOYMENT_TYPES = [
  "full_time",
  "part_time",
  "intern",
  "contractor",
  "temporary",
  "seasonal",
] as const;
export const EmploymentType = z.enum(EMPLOYMENT_TYPES);
export type EmploymentType = z.infer<typeof EmploymentType>;

export const FLSA_STATUSES = ["exempt", "salaried_nonexempt", "nonexempt", "owner"] as const;
export const FlsaStatus = z.enum(FLSA_STATUSES);
export type FlsaStatus = z.infer<typeof FlsaStatus>;

/** What one unit of a pay rate pays for. */
export const PAY_UNITS = ["hour", "day", "week", "month", "year", "paycheck"] as const;
export const PayUnit = z.enum(PAY_UNITS);
export type PayUnit = z.infer<typeof PayUnit>;

export const PAY_FREQUENCIES = [
  "weekly",
  "biweekly",
  "semimonthly",
  "monthly",
  "quarterly",
  "semiannually",
  "annually",
] as const;
export const PayFrequency = z.enum(PAY_FREQUENCIES);
export type PayFrequency = z.infer<typeof PayFrequency>;

export const BENEFIT_TYPES = [
  "401k",
  "401k_roth",
  "403b",
  "457",
  "medical",
  "dental",
  "vision",
  "hsa",
  "fsa_medical",
  "fsa_dependent_care",
  "commuter",
  "life",
  "custom_pre_tax",
  "custom_post_tax",
] as const;
export const BenefitType = z.enum(BENEFIT_TYPES);
export type BenefitType = z.infer<typeof BenefitType>;

/** How a deduction or contribution amount is expressed: minor units, or basis points of pay. */
export const AMOUNT_TYPES = ["fixed", "percent"] as const;
export const AmountType = z.enum(AMOUNT_TYPES);
export type AmountType = z.infer<typeof AmountType>;

export const DEDUCTION_FREQUENCIES = ["every_paycheck", "monthly", "annually", "one_time"] as const;
export const DeductionFrequency = z.enum(DEDUCTION_FREQUENCIES);
export type DeductionFrequency = z.infer<typeof DeductionFrequency>;

export const LOCATION_TYPES = ["home", "work"] as const;
export const LocationType = z.enum(LOCATION_TYPES);
export type LocationType = z.infer<typeof LocationType>;
