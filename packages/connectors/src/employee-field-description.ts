import { EMPLOYMENT_STATUSES, entityFieldMetadata, type Employee } from "@tandem/hr-model";
import type { FieldDescription } from "./connector-description";

/**
 * The description of a system field that holds a normalized Employee field, for systems
 * whose fields are configured (REST, a PostgreSQL table) rather than fixed by a vendor: the
 * type, label, sensitivity and nullability come from the model; `statusValues` are the
 * system's own status values when it maps them through an enum table.
 */
export function employeeFieldDescription(
  field: keyof Employee,
  id: string,
  options: { readOnly: boolean; statusValues?: readonly string[] },
): FieldDescription {
  const metadata = entityFieldMetadata("Employee").find((candidate) => candidate.name === field);
  if (metadata === undefined) throw new Error(`hr-model Employee has no field ${field}`);
  const description: FieldDescription = {
    id,
    type: metadata.type,
    required: metadata.required,
    nullable: metadata.nullable,
    sensitive: metadata.sensitive,
    label: metadata.label,
    description: options.readOnly
      ? `${metadata.description} Read only: Tandem never writes it.`
      : metadata.description,
  };
  if (field === "status") {
    description.enumValues = [...(options.statusValues ?? EMPLOYMENT_STATUSES)];
  }
  return description;
}
