import type { Employee } from "@tandem/hr-model";
import { z } from "zod";

/** The BambooHR field names Tandem reads, passed as `fields=` on every read. */
export const BAMBOOHR_EMPLOYEE_FIELDS = [
  "firstName",
  "lastName",
  "preferredName",
  "workEmail",
  "jobTitle",
  "department",
  "status",
  "hireDate",
  "terminationDate",
] as const;

const optionalText = z.string().nullish();

export const BambooHrEmployee = z.looseObject({
  // BambooHR ids are numeric strings ("123"); some endpoints send them as numbers.
  id: z.union([z.string(), z.number()]).transform(String),
  firstName: optionalText,
  lastName: optionalText,
  preferredName: optionalText,
  workEmail: optionalText,
  jobTitle: optionalText,
  department: optionalText,
  status: optionalText,
  hireDate: optionalText,
  terminationDate: optionalText,
});
export type BambooHrEmployee = z.infer<typeof BambooHrEmployee>;

function textOrNull(value: string | null | undefined): string | null {
  return value === undefined || value === null || value.trim() === "" ? null : value;
}

/** BambooHR reports an unset date as "0000-00-00" on some endpoints and "" on others. */
function dateOrNull(value: string | null | undefined): string | null {
  const text = textOrNull(value);
  return text === null || text.startsWith("0000-00-00") ? null : text.slice(0, 10);
}

/**
 * BambooHR's `status` is binary (Active/Inactive) and says whether the person is employed;
 * leave and pre-hire live in the `employmentHistoryStatus` table, which Tandem does not read
 * yet. So Inactive maps to `terminated` whether or not a termination date is set, and every
 * other normalized status is written as Active (leave and pending do not round-trip).
 */
export function bambooHrToEmployee(raw: BambooHrEmployee): Employee {
  return {
    firstName: raw.firstName ?? "",
    lastName: raw.lastName ?? "",
    preferredName: textOrNull(raw.preferredName),
    workEmail: textOrNull(raw.workEmail),
    jobTitle: textOrNull(raw.jobTitle),
    department: textOrNull(raw.department),
    status: raw.status === "Inactive" ? "terminated" : "active",
    startDate: dateOrNull(raw.hireDate),
    terminationDate: dateOrNull(raw.terminationDate),
  };
}

/**
 * The write body for `POST /employees` and `POST /employees/{id}`. Only keys present on the
 * employee are sent (an absent key means "leave it alone"); null clears a field, which
 * BambooHR expresses as an empty string.
 *
 * On the real API jobTitle and department belong to the effective-dated `jobInfo` table and
 * terminationDate to `employmentStatus`; writing them here relies on BambooHR accepting them
 * on the employee record, which the simulator does. Moving them to table rows is part of the
 * connector depth issue.
 */
export function employeeToBambooHrFields(employee: Partial<Employee>): Record<string, string> {
  const fields: Record<string, string> = {};
  const put = (name: string, value: string | null | undefined) => {
    if (value !== undefined) fields[name] = value ?? "";
  };
  put("firstName", employee.firstName);
  put("lastName", employee.lastName);
  put("preferredName", employee.preferredName);
  put("workEmail", employee.workEmail);
  put("jobTitle", employee.jobTitle);
  put("department", employee.department);
  if (employee.status !== undefined) {
    fields.status = employee.status === "terminated" ? "Inactive" : "Active";
  }
  put("hireDate", employee.startDate);
  put("terminationDate", employee.terminationDate);
  return fields;
}
