import { z } from "zod";
import { EMPLOYMENT_STATUSES, EmploymentStatus } from "./enums";
import { annotateField } from "./field-metadata";
import { IsoDate } from "./primitives";

export { EMPLOYMENT_STATUSES, EmploymentStatus };

const optionalText = (description: string) =>
  annotateField(z.string().nullable().optional(), { fieldType: "string", description });
const optionalDate = (description: string) =>
  annotateField(IsoDate.nullable().optional(), { fieldType: "date", description });

/**
 * The normalized employee both sides of a sync agree on. Every vendor shape maps to it and
 * back; `null` means "known to be empty", an absent key means "this system does not carry it".
 * It keeps the person's current job, department and status flat for the common case; the
 * effective-dated detail lives in `Employment` and `Compensation`.
 */
export const Employee = z.object({
  firstName: annotateField(z.string().min(1), {
    fieldType: "string",
    description: "Legal first name.",
  }),
  lastName: annotateField(z.string().min(1), {
    fieldType: "string",
    description: "Legal last name.",
  }),
  preferredName: optionalText(
    "The name the person goes by, when it differs from the legal first name.",
  ),
  workEmail: annotateField(z.email().nullable().optional(), {
    fieldType: "email",
    description: "Work email address; the usual key for matching records across systems.",
  }),
  jobTitle: optionalText("Current job title."),
  department: optionalText("Name of the current department."),
  status: annotateField(EmploymentStatus, {
    fieldType: "enum",
    description: "Current employment status.",
  }),
  startDate: optionalDate("First day of the current employment."),
  terminationDate: optionalDate("Last day of employment, once terminated."),
  employeeNumber: optionalText("The employer's own employee number."),
  personalEmail: annotateField(z.email().nullable().optional(), {
    fieldType: "email",
    description: "Personal email address.",
    sensitive: true,
  }),
  phone: annotateField(z.string().nullable().optional(), {
    fieldType: "phone",
    description: "Mobile phone number as the source system writes it.",
    sensitive: true,
  }),
  dateOfBirth: annotateField(IsoDate.nullable().optional(), {
    fieldType: "date",
    description: "Date of birth.",
    sensitive: true,
  }),
  nationalId: annotateField(z.string().nullable().optional(), {
    fieldType: "string",
    label: "National ID",
    description: "National identifier such as a US SSN. Never shown in previews or audit values.",
    sensitive: true,
  }),
  homeLocationId: annotateField(z.string().nullable().optional(), {
    fieldType: "reference",
    references: "Location",
    label: "Home location",
    description: "The person's home address.",
    sensitive: true,
  }),
  workLocationId: annotateField(z.string().nullable().optional(), {
    fieldType: "reference",
    references: "Location",
    label: "Work location",
    description: "The office or site the person works from.",
  }),
  managerId: annotateField(z.string().nullable().optional(), {
    fieldType: "reference",
    references: "Employee",
    label: "Manager",
    description: "The employee this person reports to.",
  }),
});
export type Employee = z.infer<typeof Employee>;

export const EMPLOYEE_FIELDS = Object.keys(Employee.shape) as (keyof Employee)[];
