import { z } from "zod";
import { LocationType } from "./enums";
import { annotateField } from "./field-metadata";

const addressPart = (description: string) =>
  annotateField(z.string().nullable().optional(), { fieldType: "string", description });

export const Location = z.object({
  id: annotateField(z.string().min(1), {
    fieldType: "id",
    label: "ID",
    description: "Identifier of the location.",
  }),
  locationType: annotateField(LocationType, {
    fieldType: "enum",
    description: "A home address or a work site.",
  }),
  line1: addressPart("First address line."),
  line2: addressPart("Second address line."),
  city: addressPart("City."),
  state: addressPart("State, province or region."),
  postalCode: addressPart("Postal or ZIP code."),
  country: annotateField(
    z
      .string()
      .regex(/^[A-Z]{2}$/, "expected an ISO 3166-1 alpha-2 country code")
      .nullable()
      .optional(),
    {
      fieldType: "string",
      description: "ISO 3166-1 alpha-2 country code.",
    },
  ),
});
export type Location = z.infer<typeof Location>;
