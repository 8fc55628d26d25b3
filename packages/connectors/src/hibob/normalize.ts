import type { Employee, EmploymentStatus } from "@tandem/hr-model";
import { z } from "zod";

/** The Bob field paths Tandem reads, passed as `fields` on every read. */
export const HIBOB_EMPLOYEE_FIELDS = [
  "root.id",
  "root.firstName",
  "root.surname",
  "root.email",
  "work.title",
  "work.department",
  "work.site",
  "work.startDate",
  "internal.lifecycleStatus",
  "internal.status",
  "internal.terminationDate",
] as const;

/** Bob's lifecycle statuses; a fixed list, not configurable per company. */
export const HIBOB_LIFECYCLE_STATUSES = [
  "Hired",
  "Employed",
  "Garden leave",
  "Leave",
  "Parental leave",
  "Terminated",
] as const;
export type HiBobLifecycleStatus = (typeof HIBOB_LIFECYCLE_STATUSES)[number];

const optionalText = z.string().nullish();

const HiBobWork = z.looseObject({
  title: optionalText,
  department: optionalText,
  site: optionalText,
  startDate: optionalText,
});

const HiBobInternal = z.looseObject({
  lifecycleStatus: z.enum(HIBOB_LIFECYCLE_STATUSES).nullish(),
  status: optionalText,
  terminationDate: optionalText,
});

export const HiBobEmployee = z.looseObject({
  // Bob ids are ~19-digit numeric strings; a number would have lost precision, so refuse it.
  id: z.string().regex(/^\d+$/, "expected Bob's numeric employee id as a string"),
  firstName: optionalText,
  surname: optionalText,
  email: optionalText,
  work: HiBobWork.nullish(),
  internal: HiBobInternal.nullish(),
  /** Present with `humanReadable: "APPEND"`: the same structure with display values. */
  humanReadable: z
    .looseObject({
      work: z.looseObject({ title: optionalText, department: optionalText }).nullish(),
    })
    .nullish(),
});
export type HiBobEmployee = z.infer<typeof HiBobEmployee>;

function textOrNull(value: string | null | undefined): string | null {
  return value === undefined || value === null || value.trim() === "" ? null : value;
}

/**
 * Bob's lifecycle onto the normalized status:
 * - Hired (signed, start date not reached) → pending;
 * - Employed → active;
 * - Leave, Parental leave → leave;
 * - Garden leave → leave: the person is still employed, serving notice, and not working;
 *   payroll keeps paying them, which `leave` (not `terminated`) keeps true;
 * - Terminated → terminated.
 * Without a lifecycle status (a service user not allowed to read it) the access status
 * decides: Inactive → terminated, otherwise active.
 */
export function hibobStatusToEmployment(
  lifecycle: HiBobLifecycleStatus | null | undefined,
  accessStatus: string | null | undefined,
): EmploymentStatus {
  switch (lifecycle) {
    case "Hired":
      return "pending";
    case "Employed":
      return "active";
    case "Garden leave":
    case "Leave":
    case "Parental leave":
      return "leave";
    case "Terminated":
      return "terminated";
    default:
      return accessStatus === "Inactive" ? "terminated" : "active";
  }
}

/**
 * Title and department are Bob list fields: their machine value is a list item id, so
 * reads ask for `humanReadable: "APPEND"` and take the display name from there, falling back
 * to the machine value. Dates stay machine values (`YYYY-MM-DD`); human-readable dates
 * follow the company's display format.
 */
export function hibobToEmployee(raw: HiBobEmployee): Employee {
  const human = raw.humanReadable?.work;
  return {
    firstName: raw.firstName ?? "",
    lastName: raw.surname ?? "",
    workEmail: textOrNull(raw.email),
    jobTitle: textOrNull(human?.title ?? raw.work?.title),
    department: textOrNull(human?.department ?? raw.work?.department),
    status: hibobStatusToEmployment(raw.internal?.lifecycleStatus, raw.internal?.status),
    startDate: textOrNull(raw.work?.startDate)?.slice(0, 10) ?? null,
    terminationDate: textOrNull(raw.internal?.terminationDate)?.slice(0, 10) ?? null,
  };
}

export interface HiBobWork {
  title?: string | null;
  department?: string | null;
  site?: string;
  startDate?: string;
}

/**
 * The `work` part of a create or update body: only keys present on the employee are sent
 * (PUT merges, so an absent key leaves Bob's value alone); null clears title and
 * department. A start date cannot be cleared in Bob, so null is not sent.
 *
 * Title and department are written as display names; on a real tenant Bob may want the
 * list item ids (GET /v1/company/named-lists), which this connector does not look up yet.
 */
export function employeeToHiBobWork(employee: Partial<Employee>): HiBobWork {
  const work: HiBobWork = {};
  if (employee.jobTitle !== undefined) work.title = employee.jobTitle;
  if (employee.department !== undefined) work.department = employee.department;
  if (employee.startDate !== undefined && employee.startDate !== null) {
    work.startDate = employee.startDate;
  }
  return work;
}
