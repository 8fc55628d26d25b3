// A PostgreSQL table of staff as side B of a sync (`startSyncHarness`'s `payrollTable`), with
// the mapping that links it to the BambooHR simulator's employees by work email.
import { sideField as field, templateDocument } from "@tandem/mapping";

export const STAFF_TABLE_SQL = `CREATE TABLE staff (
  id serial PRIMARY KEY,
  given_name text NOT NULL,
  family_name text NOT NULL,
  email text UNIQUE,
  title text,
  row_version integer NOT NULL DEFAULT 1
)`;

/** The postgres-table connection's settings for `staff` (without the connection string). */
export const STAFF_TABLE_SETTINGS = {
  table: "staff",
  idColumn: "id",
  columns: {
    firstName: "given_name",
    lastName: "family_name",
    workEmail: "email",
    jobTitle: "title",
  },
  version: { column: "row_version", onWrite: "increment" },
};

/** BambooHR employees (A) ⇄ rows of `staff` (B): names, email and title both ways. */
export const staffTableMapping = templateDocument({
  id: "test.bamboohr-staff-table",
  name: "BambooHR ⇄ staff table",
  description: "Names, email and title both ways, matched by work email.",
  sideA: {
    system: "bamboohr",
    entity: "employee",
    fields: [
      field("firstName", "string", { required: true, nullable: false }),
      field("lastName", "string", { required: true, nullable: false }),
      field("workEmail", "email", { required: true, nullable: false }),
      field("jobTitle", "string"),
    ],
  },
  sideB: {
    system: "postgres-table",
    entity: "employee",
    fields: [
      field("given_name", "string", { required: true, nullable: false }),
      field("family_name", "string", { required: true, nullable: false }),
      field("email", "email", { required: true, nullable: false }),
      field("title", "string"),
    ],
  },
  nodes: [
    {
      id: "match-email",
      type: "matchKey",
      data: { label: "Work email", normalize: "case-insensitive" },
    },
  ],
  edges: [
    { from: "a.firstName", to: "b.given_name" },
    { from: "a.lastName", to: "b.family_name" },
    { from: "a.workEmail", to: "b.email" },
    { from: "a.jobTitle", to: "b.title" },
    { from: "a.workEmail", to: "match-email.a" },
    { from: "b.email", to: "match-email.b" },
  ],
});
