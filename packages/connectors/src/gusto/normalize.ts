import type { Employee } from "@tandem/hr-model";
import { z } from "zod";

const optionalText = z.string().nullish();

const GustoJob = z.looseObject({
  title: optionalText,
  hire_date: optionalText,
  primary: z.boolean().nullish(),
});

const GustoTermination = z.looseObject({
  effective_date: optionalText,
  active: z.boolean().nullish(),
});

export const GustoEmployee = z.looseObject({
  uuid: z.string(),
  version: z.string(),
  first_name: optionalText,
  last_name: optionalText,
  preferred_first_name: optionalText,
  email: optionalText,
  work_email: optionalText,
  department: optionalText,
  jobs: z.array(GustoJob).nullish(),
  terminated: z.boolean().nullish(),
  terminations: z.array(GustoTermination).nullish(),
  onboarded: z.boolean().nullish(),
});
export type GustoEmployee = z.infer<typeof GustoEmployee>;

function textOrNull(value: string | null | undefined): string | null {
  return value === undefined || value === null || value.trim() === "" ? null : value;
}

function primaryJob(raw: GustoEmployee) {
  return raw.jobs?.find((job) => job.primary === true) ?? raw.jobs?.[0];
}

function latestTerminationDate(raw: GustoEmployee): string | null {
  const dates = (raw.terminations ?? [])
    .filter((termination) => termination.active !== false)
    .map((termination) => textOrNull(termination.effective_date))
    .filter((date): date is string => date !== null)
    .sort();
  return dates.at(-1) ?? null;
}

/**
 * Gusto has no single status field: `terminated` wins, an employee who has not finished
 * onboarding is `pending`, everyone else is `active` (Gusto has no leave state).
 * `workEmail` is Gusto's `work_email`; its `email` is the personal address used for the
 * onboarding invitation and is left alone. Job title and start date are the primary job's
 * `title` and `hire_date`: jobs are written through the jobs API, so they are read-only here.
 */
export function gustoToEmployee(raw: GustoEmployee): Employee {
  const job = primaryJob(raw);
  const status = raw.terminated ? "terminated" : raw.onboarded === false ? "pending" : "active";
  return {
    firstName: raw.first_name ?? "",
    lastName: raw.last_name ?? "",
    preferredName: textOrNull(raw.preferred_first_name),
    workEmail: textOrNull(raw.work_email),
    jobTitle: textOrNull(job?.title),
    department: textOrNull(raw.department),
    status,
    startDate: textOrNull(job?.hire_date),
    terminationDate: latestTerminationDate(raw),
  };
}

/** Fields accepted by `POST /v1/companies/{company_id}/employees`. */
export function employeeToGustoCreateFields(employee: Employee): Record<string, string | null> {
  const fields: Record<string, string | null> = {
    first_name: employee.firstName,
    last_name: employee.lastName,
  };
  if (employee.preferredName !== undefined) fields.preferred_first_name = employee.preferredName;
  if (employee.workEmail !== undefined) fields.work_email = employee.workEmail;
  return fields;
}

/**
 * Fields for `PUT /v1/employees/{employee_id}` (the caller adds `version`). `department` is
 * writable there in the simulator; on the real API the department may need the departments
 * endpoints (fact sheet does not say; confirm against the live API).
 */
export function employeeToGustoUpdateFields(employee: Employee): Record<string, string | null> {
  const fields = employeeToGustoCreateFields(employee);
  if (employee.department !== undefined) fields.department = employee.department;
  return fields;
}
