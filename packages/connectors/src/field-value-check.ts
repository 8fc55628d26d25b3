import type { FieldDescription } from "./connector-description";

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DECIMAL = /^-?\d+(\.\d+)?$/;
const CURRENCY = /^[A-Z]{3}$/;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The value at a field's dotted id inside a record, or `undefined` when a step is missing. */
export function readFieldValue(record: unknown, fieldId: string): unknown {
  let current = record;
  for (const key of fieldId.split(".")) {
    if (!isObject(current) || !Object.hasOwn(current, key)) return undefined;
    current = current[key];
  }
  return current;
}

function typeProblem(field: FieldDescription, value: unknown): string | null {
  const shown = JSON.stringify(value);
  switch (field.type) {
    case "integer":
    case "money":
    case "basisPoints":
      return Number.isInteger(value) ? null : `${shown} is not an integer`;
    case "number":
      return typeof value === "number" && Number.isFinite(value)
        ? null
        : `${shown} is not a number`;
    case "boolean":
      return typeof value === "boolean" ? null : `${shown} is not a boolean`;
    default:
      break;
  }
  if (typeof value !== "string") return `${shown} is not a string`;
  switch (field.type) {
    case "date":
      return DATE.test(value) ? null : `${shown} is not a YYYY-MM-DD date`;
    case "datetime":
      return Number.isNaN(Date.parse(value)) ? `${shown} is not a date-time` : null;
    case "decimal":
      return DECIMAL.test(value) ? null : `${shown} is not a decimal string`;
    case "currency":
      return CURRENCY.test(value) ? null : `${shown} is not an ISO 4217 code`;
    case "email":
      return value === "" || value.includes("@") ? null : `${shown} is not an email address`;
    case "enum":
      return field.enumValues === undefined || field.enumValues.includes(value)
        ? null
        : `${shown} is not one of ${field.enumValues.join(", ")}`;
    default:
      return null;
  }
}

/**
 * Whether a value read from a vendor payload fits its field description: null only when
 * nullable, absent only when not required, otherwise the declared type (money, integer and
 * basis points are integers; dates `YYYY-MM-DD`; decimals strings such as "60000.00").
 * Returns what is wrong, or null.
 */
export function fieldValueProblem(field: FieldDescription, value: unknown): string | null {
  if (value === undefined) return field.required ? "required but absent" : null;
  if (value === null) return field.nullable ? null : "null but not nullable";
  const problem = typeProblem(field, value);
  return problem === null ? null : `${problem} (declared ${field.type})`;
}
