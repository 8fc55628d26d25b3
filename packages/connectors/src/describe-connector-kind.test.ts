import { DEFAULT_REST_DESCRIPTION } from "@tandem/simulators";
import { describe, expect, it } from "vitest";
import { RestConnectionConfig } from "./rest/config";
import { ConnectorDescriptionSchema } from "./connector-description";
import { ConnectorError } from "./contract";
import { describeConnectorKind } from "./describe-connector-kind";
import { createConnector } from "./registry";

const options = { allowPrivateNetwork: true };
const TABLE = {
  schema: "hr",
  table: "people",
  idColumn: "person_id",
  columns: {
    firstName: "given_name",
    lastName: "family_name",
    workEmail: "email",
    status: { column: "status_code", enum: { A: "active", T: "terminated" } },
    employeeNumber: { column: "badge", readOnly: true },
  },
  version: { column: "row_version", onWrite: "increment" },
} as const;

describe("describeConnectorKind", () => {
  it("describes the vendor systems without credentials, as their connectors do", () => {
    const configs = [
      {
        kind: "bamboohr",
        baseUrl: "http://127.0.0.1:1",
        companyDomain: "acme",
        apiKey: "key",
        webhookPrivateKey: "private",
      },
      {
        kind: "gusto",
        baseUrl: "http://127.0.0.1:1",
        companyId: "c",
        accessToken: "t",
        webhookVerificationToken: "v",
      },
      {
        kind: "hibob",
        baseUrl: "http://127.0.0.1:1",
        serviceUserId: "u",
        token: "t",
        webhookSecret: "s",
      },
    ] as const;
    for (const config of configs) {
      const described = describeConnectorKind(config.kind);
      expect(ConnectorDescriptionSchema.safeParse(described).success).toBe(true);
      expect(createConnector(config, options).describe()).toEqual(described);
    }
  });

  it("derives a REST system's fields from its description", () => {
    const described = describeConnectorKind("rest", { description: DEFAULT_REST_DESCRIPTION });
    const config = RestConnectionConfig.parse({
      kind: "rest",
      baseUrl: "http://127.0.0.1:1",
      description: DEFAULT_REST_DESCRIPTION,
      credential: "c",
      webhookSecret: "whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQ=",
    });
    const connector = createConnector(config, options);
    expect(connector.describe()).toEqual(described);
    const fields = described.entities[0]?.fields ?? [];
    expect(fields.map((field) => field.id)).toEqual([
      "id",
      "name.first",
      "name.last",
      "name.preferred",
      "work_email",
      "job_title",
      "department",
      "status",
      "start_date",
      "end_date",
      "employee_number",
    ]);
    expect(fields.find((field) => field.id === "status")).toMatchObject({
      type: "enum",
      required: true,
      enumValues: ["ACTIVE", "ON_LEAVE", "TERMINATED", "PENDING"],
    });
    expect(fields.find((field) => field.id === "work_email")).toMatchObject({
      type: "email",
      nullable: true,
    });
  });

  it("derives a PostgreSQL table's fields from its column map", () => {
    const described = describeConnectorKind("postgres-table", TABLE);
    expect(ConnectorDescriptionSchema.safeParse(described).success).toBe(true);
    const [entity] = described.entities;
    expect(entity?.label).toBe("hr.people");
    expect(entity?.fields.map((field) => [field.id, field.type])).toEqual([
      ["person_id", "id"],
      ["given_name", "string"],
      ["family_name", "string"],
      ["email", "email"],
      ["status_code", "enum"],
      ["badge", "string"],
      ["row_version", "string"],
    ]);
    expect(entity?.fields.find((field) => field.id === "status_code")?.enumValues).toEqual([
      "A",
      "T",
    ]);
    expect(entity?.fields.find((field) => field.id === "badge")?.description).toMatch(/Read only/);
  });

  it("refuses missing or invalid settings with a permanent error naming the key", () => {
    expect(() => describeConnectorKind("rest")).toThrow(ConnectorError);
    expect(() => describeConnectorKind("postgres-table", { ...TABLE, idColumn: "a;b" })).toThrow(
      /idColumn/,
    );
    const badPath = {
      description: {
        ...DEFAULT_REST_DESCRIPTION,
        fields: { ...DEFAULT_REST_DESCRIPTION.fields, jobTitle: "job.__proto__" },
      },
    };
    expect(() => describeConnectorKind("rest", badPath)).toThrow(/fields\.jobTitle/);
  });
});
