import { z } from "zod";
import { ConnectorError } from "../contract";
import type { EntityRecord } from "../sync-entity";

const text = z.string().nullish();

export const GustoSyncCompensation = z.looseObject({
  uuid: z.string().min(1),
  version: z.string().min(1),
  job_uuid: z.string().min(1),
  rate: z.string(),
  payment_unit: z.string(),
  flsa_status: text,
  effective_date: z.string(),
});
export type GustoSyncCompensation = z.infer<typeof GustoSyncCompensation>;

export const GustoSyncJob = z.looseObject({
  uuid: z.string().min(1),
  version: z.string().min(1),
  employee_uuid: z.string().min(1),
  title: text,
  hire_date: text,
  primary: z.boolean().nullish(),
  current_compensation_uuid: text,
  compensations: z.array(GustoSyncCompensation).nullish(),
});
export type GustoSyncJob = z.infer<typeof GustoSyncJob>;

const GustoSyncTermination = z.looseObject({
  uuid: z.string().nullish(),
  version: z.string().nullish(),
  active: z.boolean().nullish(),
  effective_date: text,
});

/** `GET /v1/employees/{id}` and the items of the company's employee list. */
export const GustoSyncEmployee = z.looseObject({
  uuid: z.string().min(1),
  version: z.string().min(1),
  first_name: text,
  last_name: text,
  preferred_first_name: text,
  work_email: text,
  email: text,
  phone: text,
  date_of_birth: text,
  terminated: z.boolean().nullish(),
  department: text,
  current_employment_status: text,
  jobs: z.array(GustoSyncJob).nullish(),
  terminations: z.array(GustoSyncTermination).nullish(),
});
export type GustoSyncEmployee = z.infer<typeof GustoSyncEmployee>;

/** The employee fields written with `PUT /v1/employees/{id}`. */
export const EMPLOYEE_FIELDS = [
  "first_name",
  "last_name",
  "preferred_first_name",
  "work_email",
  "email",
  "phone",
  "date_of_birth",
  "department",
  "current_employment_status",
] as const;
export const JOB_FIELDS = ["job.title", "job.hire_date"] as const;
export const COMPENSATION_FIELDS = [
  "compensation.rate",
  "compensation.payment_unit",
  "compensation.flsa_status",
  "compensation.effective_date",
] as const;
export const LIFECYCLE_FIELDS = ["terminated", "termination.effective_date"] as const;

/**
 * The composite optimistic-concurrency token of an employee record: the versions of the
 * employee, its primary job, that job's current compensation and the active termination as
 * read, with the ids each write needs, so an update sends every PUT the version the engine read
 * and never a fresher one.
 */
const RecordVersion = z.object({
  employee: z.string().min(1),
  job: z.object({ uuid: z.string(), version: z.string() }).nullable(),
  compensation: z
    .object({ uuid: z.string(), version: z.string(), effective_date: z.string() })
    .nullable(),
  termination: z.object({ version: z.string().nullable() }).nullable(),
  terminated: z.boolean(),
});
export type RecordVersion = z.infer<typeof RecordVersion>;

export function parseRecordVersion(version: string | undefined, employeeId: string): RecordVersion {
  const invalid = () =>
    new ConnectorError(
      `Gusto employee ${employeeId}: an update needs the record version it was computed from (the version of a read), got ${version === undefined ? "none" : JSON.stringify(version)}`,
      "permanent",
    );
  if (version === undefined) throw invalid();
  let json: unknown;
  try {
    json = JSON.parse(version);
  } catch {
    throw invalid();
  }
  const parsed = RecordVersion.safeParse(json);
  if (!parsed.success) throw invalid();
  return parsed.data;
}

/** The primary job (or the first), as Gusto's payroll uses it. */
export function primaryJob(raw: GustoSyncEmployee): GustoSyncJob | null {
  return raw.jobs?.find((job) => job.primary === true) ?? raw.jobs?.[0] ?? null;
}

/** The job's current compensation: the one Gusto names, else the latest effective date. */
export function currentCompensation(job: GustoSyncJob | null): GustoSyncCompensation | null {
  if (job === null) return null;
  const compensations = job.compensations ?? [];
  const named = compensations.find((candidate) => candidate.uuid === job.current_compensation_uuid);
  if (named) return named;
  return (
    [...compensations].sort((a, b) => a.effective_date.localeCompare(b.effective_date)).at(-1) ??
    null
  );
}

export function activeTermination(raw: GustoSyncEmployee) {
  const active = (raw.terminations ?? []).filter((termination) => termination.active !== false);
  return (
    active.sort((a, b) => (a.effective_date ?? "").localeCompare(b.effective_date ?? "")).at(-1) ??
    null
  );
}

/**
 * The employee in the shape of the mapping side "gusto / employee": Gusto's own field names,
 * with `job` the primary job, `compensation` its current compensation and `termination` the
 * active termination (or null each). Gusto exposes no modification time on employees, so
 * `modifiedAt` is null.
 */
export function toEmployeeRecord(raw: GustoSyncEmployee): EntityRecord {
  const job = primaryJob(raw);
  const compensation = currentCompensation(job);
  const termination = activeTermination(raw);
  const version: RecordVersion = {
    employee: raw.version,
    job: job && { uuid: job.uuid, version: job.version },
    compensation: compensation && {
      uuid: compensation.uuid,
      version: compensation.version,
      effective_date: compensation.effective_date,
    },
    termination: termination && { version: termination.version ?? null },
    terminated: raw.terminated === true,
  };
  return {
    id: raw.uuid,
    fields: {
      first_name: raw.first_name ?? null,
      last_name: raw.last_name ?? null,
      preferred_first_name: raw.preferred_first_name ?? null,
      work_email: raw.work_email ?? null,
      email: raw.email ?? null,
      phone: raw.phone ?? null,
      date_of_birth: raw.date_of_birth ?? null,
      terminated: raw.terminated === true,
      department: raw.department ?? null,
      current_employment_status: raw.current_employment_status ?? null,
      job: job && { title: job.title ?? null, hire_date: job.hire_date ?? null },
      compensation: compensation && {
        rate: compensation.rate,
        payment_unit: compensation.payment_unit,
        flsa_status: compensation.flsa_status ?? null,
        effective_date: compensation.effective_date,
      },
      termination: termination && { effective_date: termination.effective_date ?? null },
    },
    version: JSON.stringify(version),
    modifiedAt: null,
  };
}
