import { DEFAULT_REST_DESCRIPTION } from "@tandem/simulators";
import { describe, expect, it } from "vitest";
import { ConnectionConfig } from "../config";
import { ConnectorError } from "../contract";
import { parseRestDescription, syncedFieldsOf } from "./rest-description";

/**
 * A deep copy of the default description with each dotted path set to its value (undefined
 * deletes the key), as JSON a user might write.
 */
function described(edits: Record<string, unknown> = {}): Record<string, unknown> {
  const description = structuredClone(DEFAULT_REST_DESCRIPTION) as unknown as Record<
    string,
    unknown
  >;
  for (const [path, value] of Object.entries(edits)) {
    const keys = path.split(".");
    const last = keys.pop() as string;
    let parent = description;
    for (const key of keys) parent = parent[key] as Record<string, unknown>;
    if (value === undefined) delete parent[last];
    else parent[last] = value;
  }
  return description;
}

function refusal(input: unknown): string {
  try {
    parseRestDescription(input);
  } catch (error) {
    expect(error).toBeInstanceOf(ConnectorError);
    expect((error as ConnectorError).kind).toBe("permanent");
    return (error as Error).message;
  }
  throw new Error("the description was accepted");
}

describe("parseRestDescription", () => {
  it("accepts the simulator's description and fills in defaults", () => {
    const description = parseRestDescription(
      described({ webhook: undefined, idempotencyKeyHeader: undefined }),
    );
    expect(description.idempotencyKeyHeader).toBe("Idempotency-Key");
    expect(description.webhook).toEqual({
      typePath: "type",
      idPath: "data.id",
      changedAtPath: "timestamp",
      eventTypes: {
        created: ["employee.created"],
        updated: ["employee.updated"],
        deleted: ["employee.deleted"],
      },
    });
  });

  it("derives syncedFields from the field map, leaving read-only fields out", () => {
    const description = parseRestDescription(
      described({ "fields.employeeNumber": { path: "employee_number", readOnly: true } }),
    );
    expect(syncedFieldsOf(description)).toEqual([
      "firstName",
      "lastName",
      "preferredName",
      "workEmail",
      "jobTitle",
      "department",
      "status",
      "startDate",
      "terminationDate",
    ]);
  });

  it("names the bad key of a malformed description", () => {
    expect(refusal(described({ "endpoints.get.path": "/v1/employees" }))).toContain(
      "description.endpoints.get.path: expected the path to contain {id}",
    );
    expect(refusal(described({ "endpoints.list.paging.cursorParm": "c" }))).toContain(
      "description.endpoints.list.paging: unknown key cursorParm",
    );
    expect(refusal(described({ "endpoints.list.paging.nextCursorPath": undefined }))).toContain(
      "description.endpoints.list.paging.nextCursorPath",
    );
    expect(refusal(described({ "endpoints.update.method": "POST" }))).toContain(
      "description.endpoints.update.method",
    );
    expect(refusal(described({ auth: { type: "header" } }))).toContain("description.auth.name");
    expect(refusal(described({ "fields.salary": "pay.amount" }))).toContain(
      "description.fields: unknown key salary",
    );
    expect(refusal(described({ "fields.jobTitle": "job title" }))).toContain(
      "description.fields.jobTitle: expected a dotted JSON path",
    );
    expect(refusal(described({ "fields.status.enum.ACTIVE": "working" }))).toContain(
      "description.fields.status.enum.ACTIVE",
    );
    expect(refusal(described({ format: "tandem.rest/v2" }))).toContain("description.format");
  });

  it("requires both names and keeps enum tables to status", () => {
    expect(refusal(described({ "fields.lastName": undefined }))).toContain(
      "description.fields.lastName: lastName must be mapped",
    );
    expect(
      refusal(described({ "fields.department": { path: "department", enum: { X: "active" } } })),
    ).toContain("description.fields.department.enum: an enum table is only supported on status");
  });

  it("is validated as part of a rest connection config", () => {
    const result = ConnectionConfig.safeParse({
      kind: "rest",
      baseUrl: "https://hr.example.com",
      description: described({ "endpoints.create.id": undefined }),
      credential: "token",
      webhookSecret: "whsec_c2VjcmV0LWtleS1vZi10d2VudHktZm91cg==",
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["description", "endpoints", "create", "id"]);
  });
});
