import { FieldType } from "@tandem/hr-model";
import { z } from "zod";
import type { ConnectorKind } from "./contract";

/**
 * One field of a vendor entity, as the mapping editor shows it on side A or B. The shape is
 * the mapping package's `SideField` plus an optional description; `id` is the dotted path of
 * the value inside the vendor's own payload (`ExternalEmployee.raw` for employees).
 */
export interface FieldDescription {
  id: string;
  type: FieldType;
  required: boolean;
  nullable: boolean;
  sensitive: boolean;
  enumValues?: string[];
  label?: string;
  description?: string;
}

export interface EntityDescription {
  /** `employee` is the entity whose records `listEmployees` and `getEmployee` return. */
  entity: string;
  label: string;
  fields: FieldDescription[];
}

/** What a system holds, field by field, in the vendor's own names; no network needed. */
export interface ConnectorDescription {
  system: ConnectorKind;
  entities: EntityDescription[];
}

/** The mapping document's field id grammar (`packages/mapping/src/document-schema.ts`). */
export const FIELD_ID_PATTERN = /^[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z_][A-Za-z0-9_-]*)*$/;
const RESERVED_SEGMENTS = new Set(["__proto__", "constructor", "prototype"]);

/**
 * Validates a description against the rules the mapping editor applies to a side's fields,
 * so a connector cannot describe a field the editor would refuse. Connectors may not import
 * the mapping package, so its id grammar is repeated here.
 */
export const FieldDescriptionSchema = z
  .object({
    id: z
      .string()
      .max(200)
      .regex(
        FIELD_ID_PATTERN,
        "expected a dotted JSON path of letters, digits, _ and -, each segment starting with a letter or _",
      )
      .refine(
        (id) => !id.split(".").some((segment) => RESERVED_SEGMENTS.has(segment)),
        "__proto__, constructor and prototype cannot be field names",
      ),
    type: FieldType,
    required: z.boolean(),
    nullable: z.boolean(),
    sensitive: z.boolean(),
    enumValues: z.array(z.string()).min(1).optional(),
    label: z.string().optional(),
    description: z.string().optional(),
  })
  .strict();

export const ConnectorDescriptionSchema = z.object({
  system: z.string(),
  entities: z.array(
    z.object({
      entity: z.string().min(1),
      label: z.string().min(1),
      fields: z
        .array(FieldDescriptionSchema)
        .refine(
          (fields) => new Set(fields.map((field) => field.id)).size === fields.length,
          "field ids must be unique within an entity",
        ),
    }),
  ),
});

/** Shorthand for the common case: optional, nullable, not sensitive. */
export function describeField(
  id: string,
  type: FieldType,
  extra: Partial<Omit<FieldDescription, "id" | "type">> = {},
): FieldDescription {
  return { id, type, required: false, nullable: true, sensitive: false, ...extra };
}

/** A field every record carries with a value. */
export function requiredField(
  id: string,
  type: FieldType,
  extra: Partial<Omit<FieldDescription, "id" | "type" | "required" | "nullable">> = {},
): FieldDescription {
  return describeField(id, type, { ...extra, required: true, nullable: false });
}
