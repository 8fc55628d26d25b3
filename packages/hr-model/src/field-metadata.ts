import { z } from "zod";

/**
 * The value types a field can have, shared by the model and by the sides of a mapping.
 * `money` is an integer in minor units; `decimal` is a decimal string such as "60000.00";
 * `basisPoints` is an integer percentage where 100 = 1%.
 */
export const FIELD_TYPES = [
  "string",
  "email",
  "phone",
  "date",
  "datetime",
  "enum",
  "integer",
  "number",
  "boolean",
  "money",
  "decimal",
  "currency",
  "basisPoints",
  "id",
  "reference",
] as const;
export const FieldType = z.enum(FIELD_TYPES);
export type FieldType = z.infer<typeof FieldType>;

/** What the editor needs to render a field and what validation needs to check it. */
export interface FieldMetadata {
  name: string;
  label: string;
  type: FieldType;
  required: boolean;
  nullable: boolean;
  sensitive: boolean;
  description: string;
  enumValues?: readonly string[];
  /** For `reference` fields: the entity the id points at. */
  references?: string;
  /** For `money` fields: the field holding the ISO 4217 currency of the amount. */
  currencyField?: string;
}

interface FieldAnnotation {
  fieldType: FieldType;
  description: string;
  label?: string;
  sensitive?: boolean;
  references?: string;
  currencyField?: string;
}

/** Attaches editor metadata to a field schema; apply it last, after `.optional()`/`.nullable()`. */
export function annotateField<T extends z.ZodType>(schema: T, annotation: FieldAnnotation): T {
  return schema.meta({ ...annotation });
}

function unwrapToBase(schema: z.ZodType): z.ZodType {
  let current: z.ZodType = schema;
  while (
    current instanceof z.ZodOptional ||
    current instanceof z.ZodNullable ||
    current instanceof z.ZodDefault
  ) {
    current = current.unwrap() as z.ZodType;
  }
  return current;
}

function labelFromName(name: string): string {
  const words = name.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function isAnnotation(value: unknown): value is FieldAnnotation {
  return (
    typeof value === "object" && value !== null && "fieldType" in value && "description" in value
  );
}

/**
 * Reads the metadata of every field of an entity schema, in declaration order. Every field
 * must have been annotated with `annotateField`; an unannotated one is a programming error.
 */
export function describeEntityFields(schema: z.ZodObject): FieldMetadata[] {
  return Object.entries(schema.shape).map(([name, fieldSchema]) => {
    const field = fieldSchema as z.ZodType;
    const annotation = z.globalRegistry.get(field);
    if (!isAnnotation(annotation)) {
      throw new Error(`field "${name}" has no annotation: wrap its schema in annotateField()`);
    }
    const base = unwrapToBase(field);
    const metadata: FieldMetadata = {
      name,
      label: annotation.label ?? labelFromName(name),
      type: annotation.fieldType,
      required: !field.safeParse(undefined).success,
      nullable: field.safeParse(null).success,
      sensitive: annotation.sensitive ?? false,
      description: annotation.description,
    };
    if (base instanceof z.ZodEnum) metadata.enumValues = base.options.map(String);
    if (annotation.references !== undefined) metadata.references = annotation.references;
    if (annotation.currencyField !== undefined) metadata.currencyField = annotation.currencyField;
    return metadata;
  });
}
