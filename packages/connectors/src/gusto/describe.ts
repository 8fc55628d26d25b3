import {
  describeField,
  requiredField,
  type ConnectorDescription,
  type EntityDescription,
} from "../connector-description";
import { GUSTO_FLSA_STATUSES, GUSTO_PAYMENT_UNITS } from "./compensation";

/** Gusto's employee `onboarding_status` values (PUT /v1/employees/{id}/onboarding_status). */
export const GUSTO_ONBOARDING_STATUSES = [
  "onboarding_completed",
  "admin_onboarding_incomplete",
  "admin_onboarding_review",
  "self_onboarding_pending_invite",
  "self_onboarding_invited",
  "self_onboarding_invited_started",
  "self_onboarding_invited_overdue",
  "self_onboarding_completed_by_employee",
  "self_onboarding_awaiting_admin_review",
];

/**
 * The scalar fields of Gusto's employee object (API version 2025-06-15) that the connector
 * reads. `jobs` and `terminations` are arrays, which a dotted field id cannot address.
 */
export const GUSTO_EMPLOYEE_ENTITY: EntityDescription = {
  entity: "employee",
  label: "Employee",
  fields: [
    requiredField("uuid", "id", { label: "Employee UUID" }),
    requiredField("version", "string", {
      label: "Version",
      description: "Optimistic-concurrency token; every PUT must send the current one.",
    }),
    requiredField("company_uuid", "reference", { label: "Company UUID" }),
    requiredField("first_name", "string", { label: "First name" }),
    describeField("middle_initial", "string", { label: "Middle initial" }),
    requiredField("last_name", "string", { label: "Last name" }),
    describeField("preferred_first_name", "string", { label: "Preferred first name" }),
    describeField("email", "email", {
      label: "Personal email",
      description: "Personal address Gusto sends the onboarding invitation to.",
      sensitive: true,
    }),
    describeField("work_email", "email", { label: "Work email" }),
    describeField("department", "string", { label: "Department" }),
    requiredField("terminated", "boolean", { label: "Terminated" }),
    requiredField("onboarded", "boolean", { label: "Onboarded" }),
    describeField("onboarding_status", "enum", {
      label: "Onboarding status",
      enumValues: GUSTO_ONBOARDING_STATUSES,
    }),
  ],
};

/** A job's compensation (`GET /v1/jobs/{job_id}/compensations`). */
export const GUSTO_COMPENSATION_ENTITY: EntityDescription = {
  entity: "compensation",
  label: "Compensation",
  fields: [
    requiredField("uuid", "id", { label: "Compensation UUID" }),
    requiredField("version", "string", { label: "Version" }),
    requiredField("job_uuid", "reference", { label: "Job UUID" }),
    requiredField("rate", "decimal", {
      label: "Rate",
      description: 'Pay per payment unit in US dollars, a decimal string such as "60000.00".',
    }),
    requiredField("payment_unit", "enum", {
      label: "Payment unit",
      enumValues: [...GUSTO_PAYMENT_UNITS],
    }),
    describeField("flsa_status", "enum", {
      label: "FLSA status",
      enumValues: [...GUSTO_FLSA_STATUSES],
    }),
    requiredField("effective_date", "date", { label: "Effective date" }),
  ],
};

export function describeGusto(): ConnectorDescription {
  return { system: "gusto", entities: [GUSTO_EMPLOYEE_ENTITY, GUSTO_COMPENSATION_ENTITY] };
}
