import {
  describeField,
  requiredField,
  type ConnectorDescription,
  type EntityDescription,
} from "../connector-description";
import { HIBOB_LIFECYCLE_STATUSES } from "./normalize";

/**
 * Bob's people fields the connector reads, by their API paths (`root.` fields sit at the top
 * of the payload). Title and department are list fields whose machine value is a list item
 * id, hence strings.
 */
export const HIBOB_EMPLOYEE_ENTITY: EntityDescription = {
  entity: "employee",
  label: "Person",
  fields: [
    requiredField("id", "id", { label: "Employee ID", description: "About 19 digits, a string." }),
    requiredField("firstName", "string", { label: "First name" }),
    requiredField("surname", "string", { label: "Surname" }),
    describeField("email", "email", { label: "Work email" }),
    describeField("work.title", "string", { label: "Job title" }),
    describeField("work.department", "string", { label: "Department" }),
    describeField("work.site", "string", { label: "Site" }),
    describeField("work.startDate", "date", { label: "Start date" }),
    describeField("internal.lifecycleStatus", "enum", {
      label: "Lifecycle status",
      enumValues: [...HIBOB_LIFECYCLE_STATUSES],
    }),
    describeField("internal.status", "enum", {
      label: "Access status",
      enumValues: ["Active", "Inactive"],
    }),
    describeField("internal.terminationDate", "date", { label: "Termination date" }),
  ],
};

export function describeHiBob(): ConnectorDescription {
  return { system: "hibob", entities: [HIBOB_EMPLOYEE_ENTITY] };
}
