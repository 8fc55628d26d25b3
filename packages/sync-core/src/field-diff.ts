import { EMPLOYEE_FIELDS, type Employee } from "@tandem/hr-model";

export type EmployeeField = (typeof EMPLOYEE_FIELDS)[number];
export type FieldValue = Employee[EmployeeField];

export interface FieldChange {
  field: EmployeeField;
  before: FieldValue | undefined;
  after: FieldValue;
}

/** Empty strings and null both mean "no value": vendors disagree on which they send. */
export function sameValue(a: FieldValue | undefined, b: FieldValue | undefined): boolean {
  const norm = (v: FieldValue | undefined) => (v === "" || v === undefined ? null : v);
  return norm(a) === norm(b);
}

/**
 * The fields `current` changed relative to `base` (the shadow). A field `current` does not
 * carry (undefined) is not a change: that system simply does not hold it.
 */
export function changedFields(
  base: Partial<Employee> | null,
  current: Partial<Employee>,
  fields: readonly EmployeeField[] = EMPLOYEE_FIELDS,
): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of fields) {
    const after = current[field];
    if (after === undefined) continue;
    const before = base?.[field];
    if (!sameValue(before, after)) changes.push({ field, before, after });
  }
  return changes;
}
