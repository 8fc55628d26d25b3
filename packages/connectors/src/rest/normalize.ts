import { EMPLOYMENT_STATUSES, Employee } from "@tandem/hr-model";
import { ConnectorError } from "../contract";
import { fieldMappings, type RestDescription, type RestFieldMapping } from "./rest-description";

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The value at a dotted path, or undefined when any step is missing. */
export function readJsonPath(value: unknown, path: string): unknown {
  let current = value;
  for (const key of path.split(".")) {
    if (!isObject(current)) return undefined;
    current = current[key];
  }
  return current;
}

/** Sets a dotted path in `target`, creating (or replacing non-object) intermediate objects. */
export function writeJsonPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split(".");
  const last = keys.pop() as string;
  let current = target;
  for (const key of keys) {
    const next = current[key];
    if (isObject(next)) {
      current = next;
    } else {
      const created: Record<string, unknown> = {};
      current[key] = created;
      current = created;
    }
  }
  current[last] = value;
}

function permanent(message: string): ConnectorError {
  return new ConnectorError(message, "permanent");
}

function readMappedValue(
  raw: Record<string, unknown>,
  mapping: RestFieldMapping,
  externalId: string,
): string | null {
  const value = readJsonPath(raw, mapping.path);
  if (value === undefined || value === null) return null;
  if (typeof value !== "string" && typeof value !== "number") {
    throw permanent(
      `REST employee ${externalId}: ${mapping.path} (${mapping.field}) is ${Array.isArray(value) ? "an array" : typeof value}, expected a string`,
    );
  }
  const text = String(value);
  return text.trim() === "" ? null : text;
}

/**
 * Reads a record through the description's field map. Empty values read as null; status goes
 * through the enum table when there is one and is "active" when the system has no status.
 * A value the model refuses (an unknown status, a malformed email or date) is a permanent
 * error naming the record, the JSON path and the field.
 */
export function restToEmployee(
  description: RestDescription,
  raw: Record<string, unknown>,
  externalId: string,
): Employee {
  const draft: Record<string, unknown> = { status: "active" };
  const pathOf: Partial<Record<keyof Employee, string>> = {};
  for (const mapping of fieldMappings(description)) {
    pathOf[mapping.field] = mapping.path;
    const value = readMappedValue(raw, mapping, externalId);
    if (mapping.field === "status") {
      const status = value === null ? undefined : mapping.enum ? mapping.enum[value] : value;
      if (status === undefined || !EMPLOYMENT_STATUSES.some((known) => known === status)) {
        const allowed = (mapping.enum ? Object.keys(mapping.enum) : EMPLOYMENT_STATUSES).join(", ");
        throw permanent(
          `REST employee ${externalId}: ${mapping.path} (status) is ${JSON.stringify(value)}, expected one of ${allowed}`,
        );
      }
      draft.status = status;
    } else {
      draft[mapping.field] = value;
    }
  }
  const parsed = Employee.safeParse(draft);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = String(issue?.path[0] ?? "(record)");
  const path = pathOf[field as keyof Employee] ?? field;
  throw permanent(
    `REST employee ${externalId}: ${path} (${field}) ${JSON.stringify(draft[field])} is invalid: ${issue?.message ?? "invalid"}`,
  );
}

/**
 * The writable mapped fields of `employee` set into `body` (a new object for POST and PATCH,
 * a copy of the current record for PUT). Fields the employee does not carry are left alone;
 * a status the enum table cannot express is a permanent error.
 */
export function employeeToRestBody(
  description: RestDescription,
  employee: Employee,
  body: Record<string, unknown> = {},
): Record<string, unknown> {
  for (const mapping of fieldMappings(description)) {
    if (mapping.readOnly) continue;
    const value = employee[mapping.field];
    if (value === undefined) continue;
    if (mapping.field === "status" && mapping.enum) {
      const vendorValue = Object.entries(mapping.enum).find(([, status]) => status === value)?.[0];
      if (vendorValue === undefined) {
        throw permanent(
          `The REST system has no value for status ${JSON.stringify(value)} in ${mapping.path}; add it to the description's enum table`,
        );
      }
      writeJsonPath(body, mapping.path, vendorValue);
    } else {
      writeJsonPath(body, mapping.path, value);
    }
  }
  return body;
}
