import { z } from "zod";
import { EmploymentStatus, EmploymentType, FlsaStatus } from "./enums";
import { annotateField } from "./field-metadata";
import { IsoDate } from "./primitives";

/** One employment of an employee: what they are hired as, and when. */
export const Employment = z.object({
  id: annotateField(z.string().min(1), {
    fieldType: "id",
    label: "ID",
    description: "Identifier of this employment.",
  }),
  employeeId: annotateField(z.string().min(1), {
    fieldType: "reference",
    references: "Employee",
    label: "Employee",
    description: "The employee this employment belongs to.",
  }),
  status: annotateField(EmploymentStatus, { fieldType: "enum", description: "Employment status." }),
  employmentType: annotateField(EmploymentType.nullable().optional(), {
    fieldType: "enum",
    description: "Full time, part time, intern, contractor, temporary or seasonal.",
  }),
  flsaStatus: annotateField(FlsaStatus.nullable().optional(), {
    fieldType: "enum",
    label: "FLSA status",
    description: "Overtime classification under the US Fair Labor Standards Act.",
  }),
  jobTitle: annotateField(z.string().nullable().optional(), {
    fieldType: "string",
    description: "Job title.",
  }),
  departmentId: annotateField(z.string().nullable().optional(), {
    fieldType: "reference",
    references: "Department",
    label: "Department",
    description: "The department the job sits in.",
  }),
  startDate: annotateField(IsoDate.nullable().optional(), {
    fieldType: "date",
    description: "First day of work.",
  }),
  terminationDate: annotateField(IsoDate.nullable().optional(), {
    fieldType: "date",
    description: "Last day of work; a termination is a status change, never a delete.",
  }),
  rehireDate: annotateField(IsoDate.nullable().optional(), {
    fieldType: "date",
    description: "Latest rehire date, when the person came back after a termination.",
  }),
});
export type Employment = z.infer<typeof Employment>;
