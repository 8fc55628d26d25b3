import { z } from "zod";
import { annotateField } from "./field-metadata";

export const Department = z.object({
  id: annotateField(z.string().min(1), {
    fieldType: "id",
    label: "ID",
    description: "Identifier of the department.",
  }),
  name: annotateField(z.string().min(1), { fieldType: "string", description: "Department name." }),
  code: annotateField(z.string().nullable().optional(), {
    fieldType: "string",
    description: "Short code or cost-center number, when the employer uses one.",
  }),
  parentId: annotateField(z.string().nullable().optional(), {
    fieldType: "reference",
    references: "Department",
    label: "Parent department",
    description: "The department this one belongs to.",
  }),
});
export type Department = z.infer<typeof Department>;
