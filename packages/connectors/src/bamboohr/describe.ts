import {
  describeField,
  requiredField,
  type ConnectorDescription,
  type EntityDescription,
} from "../connector-description";

/**
 * BambooHR's employee fields as the connector reads them (`fields=` on every read), under
 * BambooHR's own names. Job title and department are per-company list fields, so they are
 * strings here; `status` is the fixed Active/Inactive pair. Unset dates arrive as
 * "0000-00-00", which still has the date shape.
 */
export const BAMBOOHR_EMPLOYEE_ENTITY: EntityDescription = {
  entity: "employee",
  label: "Employee",
  fields: [
    requiredField("id", "id", { label: "Employee ID", description: "Numeric string, e.g. 123." }),
    requiredField("firstName", "string", { label: "First name" }),
    requiredField("lastName", "string", { label: "Last name" }),
    describeField("preferredName", "string", { label: "Preferred name" }),
    describeField("workEmail", "email", { label: "Work email" }),
    describeField("jobTitle", "string", {
      label: "Job title",
      description: "The current jobInfo row's title (a list field configured per company).",
    }),
    describeField("department", "string", {
      label: "Department",
      description: "The current jobInfo row's department (a list field configured per company).",
    }),
    requiredField("status", "enum", { label: "Status", enumValues: ["Active", "Inactive"] }),
    describeField("hireDate", "date", { label: "Hire date" }),
    describeField("terminationDate", "date", { label: "Termination date" }),
  ],
};

export function describeBambooHr(): ConnectorDescription {
  return { system: "bamboohr", entities: [BAMBOOHR_EMPLOYEE_ENTITY] };
}
