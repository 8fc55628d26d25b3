import { z } from "zod";
import { AmountType, BenefitType, DeductionFrequency } from "./enums";
import { annotateField } from "./field-metadata";
import { CurrencyCode, IsoDate, MinorUnits } from "./primitives";

const amountDescription =
  "Minor units of the currency when the amount type is fixed, basis points of pay (100 = 1%) when it is percent.";

/**
 * An employee's enrollment in a benefit, with what payroll deducts from the employee and what
 * the company contributes. Amounts are integers: minor units for fixed amounts, basis points
 * for percentages.
 */
export const BenefitEnrollment = z.object({
  id: annotateField(z.string().min(1), {
    fieldType: "id",
    label: "ID",
    description: "Identifier of the enrollment.",
  }),
  employeeId: annotateField(z.string().min(1), {
    fieldType: "reference",
    references: "Employee",
    label: "Employee",
    description: "The enrolled employee.",
  }),
  benefitType: annotateField(BenefitType, {
    fieldType: "enum",
    description: "Kind of benefit, e.g. 401k or medical.",
  }),
  planName: annotateField(z.string().nullable().optional(), {
    fieldType: "string",
    description: "The plan's name as the employer calls it.",
  }),
  employeeDeductionType: annotateField(AmountType, {
    fieldType: "enum",
    description: "Whether the employee deduction is a fixed amount or a percentage of pay.",
  }),
  employeeDeductionAmount: annotateField(z.number().int().nonnegative(), {
    fieldType: "integer",
    description: `Employee deduction per occurrence. ${amountDescription}`,
  }),
  employeeDeductionAnnualMaximum: annotateField(MinorUnits.nonnegative().nullable().optional(), {
    fieldType: "money",
    currencyField: "currency",
    description: "Most the employee can have deducted in a calendar year, in minor units.",
  }),
  companyContributionType: annotateField(AmountType.nullable().optional(), {
    fieldType: "enum",
    description: "Whether the company contribution is a fixed amount or a percentage of pay.",
  }),
  companyContributionAmount: annotateField(z.number().int().nonnegative().nullable().optional(), {
    fieldType: "integer",
    description: `Company contribution per occurrence. ${amountDescription}`,
  }),
  companyContributionAnnualMaximum: annotateField(MinorUnits.nonnegative().nullable().optional(), {
    fieldType: "money",
    currencyField: "currency",
    description: "Most the company contributes in a calendar year, in minor units.",
  }),
  currency: annotateField(CurrencyCode, {
    fieldType: "currency",
    description: "ISO 4217 currency of the amounts.",
  }),
  frequency: annotateField(DeductionFrequency, {
    fieldType: "enum",
    description: "How often the deduction is taken.",
  }),
  effectiveDate: annotateField(IsoDate, {
    fieldType: "date",
    description: "First day the deduction applies.",
  }),
  endDate: annotateField(IsoDate.nullable().optional(), {
    fieldType: "date",
    description: "Last day the deduction applies; set it on termination so deductions stop.",
  }),
});
export type BenefitEnrollment = z.infer<typeof BenefitEnrollment>;
