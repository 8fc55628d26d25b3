import {
  entityFieldMetadata,
  isCalendarDate,
  type FieldType,
  type HrEntityName,
} from "@tandem/hr-model";
import { z } from "zod";
import type { SideField } from "./document-schema";
import type { PlanSide } from "./sync-plan";

function valueSchema(type: FieldType, enumValues: readonly string[] | undefined): z.ZodType {
  if (enumValues && enumValues.length > 0) return z.enum(enumValues as [string, ...string[]]);
  switch (type) {
    case "integer":
    case "money":
    case "basisPoints":
      return z.number().int();
    case "number":
      return z.number();
    case "boolean":
      return z.boolean();
    case "date":
      return z.string().refine(isCalendarDate, "expected a date written YYYY-MM-DD");
    case "decimal":
      return z.string().regex(/^-?\d+(\.\d+)?$/, "expected a decimal string such as 123.45");
    default:
      return z.string();
  }
}

function nest(shape: Map<string, z.ZodType>): z.ZodObject {
  const top: Record<string, z.ZodType> = {};
  const groups = new Map<string, Map<string, z.ZodType>>();
  for (const [path, schema] of shape) {
    const dot = path.indexOf(".");
    if (dot === -1) {
      top[path] = schema;
      continue;
    }
    const group = groups.get(path.slice(0, dot)) ?? new Map<string, z.ZodType>();
    group.set(path.slice(dot + 1), schema);
    groups.set(path.slice(0, dot), group);
  }
  for (const [name, group] of groups) top[name] = nest(group).optional();
  return z.object(top);
}

/**
 * The zod schema of a record of one side of a plan: what a connector must hand the evaluator.
 * Dates are YYYY-MM-DD; fields whose format a transform defines (say MM/DD/YYYY) are plain strings.
 */
export function sideRecordSchema(side: PlanSide): z.ZodObject {
  const shape = new Map<string, z.ZodType>();
  for (const field of side.fields) {
    let schema = valueSchema(field.type, field.enumValues);
    if (field.nullable) schema = schema.nullable();
    if (!field.required) schema = schema.optional();
    shape.set(field.id, schema);
  }
  return nest(shape);
}

/** Side fields for an entity of the normalized model, for a side that speaks Tandem's own model. */
export function sideFieldsFromModel(entity: HrEntityName): SideField[] {
  return entityFieldMetadata(entity).map((field) => ({
    id: field.name,
    type: field.type,
    required: field.required,
    nullable: field.nullable,
    sensitive: field.sensitive,
    label: field.label,
    ...(field.enumValues ? { enumValues: [...field.enumValues] } : {}),
  }));
}
