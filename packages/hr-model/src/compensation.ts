import { z } from "zod";
import { PayFrequency, PayUnit } from "./enums";
import { annotateField } from "./field-metadata";
import { CurrencyCode, IsoDate, MinorUnits } from "./primitives";

/**
 * One effective-dated pay rate. A raise is a new row with a later `effectiveDate`, never an
 * edit of the old one, so the history stays intact.
 */
export const Compensation = z.object({
  id: annotateField(z.string().min(1), {
    fieldType: "id",
    label: "ID",
    description: "Identifier of this rate.",
  }),
  employeeId: annotateField(z.string().min(1), {
    fieldType: "reference",
    references: "Employee",
    label: "Employee",
    description: "The employee paid at this rate.",
  }),
  rate: annotateField(MinorUnits.nonnegative(), {
    fieldType: "money",
    currencyField: "currency",
    description: "Pay per pay unit, in minor units of the currency (cents for USD).",
  }),
  currency: annotateField(CurrencyCode, {
    fieldType: "currency",
    description: "ISO 4217 currency of the rate.",
  }),
  payUnit: annotateField(PayUnit, {
    fieldType: "enum",
    description: "What one unit of the rate pays for.",
  }),
  payFrequency: annotateField(PayFrequency.nullable().optional(), {
    fieldType: "enum",
    description: "How often the person is paid.",
  }),
  effectiveDate: annotateField(IsoDate, {
    fieldType: "date",
    description: "The day this rate takes effect.",
  }),
});
export type Compensation = z.infer<typeof Compensation>;
