import { describe, expect, it } from "vitest";
import { ConnectionConfig, SECRET_FIELDS } from "../config";
import { PostgresTableConnectionConfig } from "./config";
import { ConnectorError } from "../contract";
import { createConnector } from "../registry";
import { changeCaptureNames, changeCaptureSql } from "./change-capture";
import { classifyPostgresError } from "./classify-postgres-error";
import { assertAllowedConnectionString } from "./connection-string";
import { quoteIdentifier } from "./table-settings";

const valid = {
  kind: "postgres-table",
  connectionString: "postgresql://sync:pw@db.example.com:5432/hr?sslmode=require",
  table: "employees",
  idColumn: "id",
  columns: { firstName: "first_name", lastName: "last_name" },
} as const;

function issuesOf(input: unknown): string[] {
  const result = ConnectionConfig.safeParse(input);
  return result.success
    ? []
    : result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
}

describe("PostgresTableConnectionConfig", () => {
  it("parses a table description with defaults and names its secret", () => {
    const config = PostgresTableConnectionConfig.parse(valid);
    expect(config.schema).toBe("public");
    expect(ConnectionConfig.parse(valid).kind).toBe("postgres-table");
    expect(SECRET_FIELDS["postgres-table"]).toEqual(["connectionString"]);
  });

  it.each([
    ["table", 'employees"; DROP TABLE payroll; --'],
    ["table", "hr.employees"],
    ["schema", "public; select 1"],
    ["idColumn", "id) OR (1=1"],
    ["idColumn", "1id"],
    ["table", "x".repeat(49)],
  ])("refuses %s %j, which is not a plain identifier", (key, name) => {
    expect(issuesOf({ ...valid, [key]: name })).toEqual([
      expect.stringMatching(new RegExp(`^${key}: expected`)),
    ]);
  });

  it("refuses injected column names, reused columns and unmapped names", () => {
    expect(
      issuesOf({ ...valid, columns: { ...valid.columns, workEmail: "email\" = 'x" } }),
    ).toEqual([expect.stringMatching(/^columns.workEmail/)]);
    expect(issuesOf({ ...valid, columns: { ...valid.columns, workEmail: "id" } })).toEqual([
      "columns.workEmail: column id is already used by idColumn",
    ]);
    expect(issuesOf({ ...valid, columns: { firstName: "first_name" } })).toEqual([
      "columns.lastName: lastName must be mapped: every Employee has one",
    ]);
    expect(
      issuesOf({
        ...valid,
        columns: { ...valid.columns, jobTitle: { column: "title", enum: { a: "active" } } },
      }),
    ).toEqual(["columns.jobTitle.enum: an enum table is only supported on status"]);
  });

  it("quotes identifiers and refuses to quote anything else", () => {
    expect(quoteIdentifier("Employees_2")).toBe('"Employees_2"');
    expect(() => quoteIdentifier('a"b')).toThrow(/Refusing SQL identifier/);
    const sql = changeCaptureSql(changeCaptureNames("hr", "people", "person_id")).join("\n");
    expect(sql).toContain(
      'CREATE TRIGGER "tandem_people_capture" AFTER INSERT OR UPDATE OR DELETE',
    );
    expect(sql).toContain("pg_notify('tandem_people_changes', change_seq::text)");
    expect(() => changeCaptureNames("hr", "people", "id'); --")).not.toThrow();
    expect(() => changeCaptureSql(changeCaptureNames("hr", "people", "id'); --"))).toThrow(
      /Refusing SQL identifier/,
    );
  });
});

describe("the connection string's host", () => {
  const closed = { allowPrivateNetwork: false };
  const open = { allowPrivateNetwork: true };

  it.each([
    "postgresql://u:p@127.0.0.1/db",
    "postgresql://u:p@localhost:5432/db",
    "postgres://u:p@10.1.2.3/db",
    "postgresql://u:p@[::1]/db",
    "postgresql://u:p@2130706433/db",
    "postgresql://u:p@0x7f.1/db",
    "postgresql:///db",
  ])("refuses %s unless the private network is allowed", (url) => {
    expect(() => assertAllowedConnectionString(url, closed)).toThrow(ConnectorError);
    expect(() => assertAllowedConnectionString(url, open)).not.toThrow();
  });

  it("refuses parameters that move the host or read local files, and never shows the password", () => {
    for (const url of [
      "postgresql://u:hunter2@db.example.com/db?host=127.0.0.1",
      "postgresql://u:hunter2@db.example.com/db?sslrootcert=/etc/shadow",
      "mysql://u:hunter2@db.example.com/db",
    ]) {
      const failure = (() => {
        try {
          assertAllowedConnectionString(url, open);
        } catch (error) {
          return error;
        }
      })();
      expect(failure).toBeInstanceOf(ConnectorError);
      expect((failure as ConnectorError).message).not.toContain("hunter2");
    }
    expect(() => assertAllowedConnectionString(valid.connectionString, closed)).not.toThrow();
  });

  it("is checked when the connector is built", () => {
    const local = { ...valid, connectionString: "postgresql://u:p@127.0.0.1:5432/hr" };
    const config = PostgresTableConnectionConfig.parse(local);
    expect(() => createConnector(config, { allowPrivateNetwork: false })).toThrow(
      /is not allowed: loopback/,
    );
  });
});

describe("classifyPostgresError", () => {
  const databaseError = (code: string, message: string, extra: object = {}) =>
    Object.assign(new Error(message), { code, severity: "ERROR", ...extra });

  it.each([
    ["40001", "could not serialize access due to concurrent update"],
    ["40P01", "deadlock detected"],
    ["53300", "sorry, too many clients already"],
    ["57P01", "terminating connection due to administrator command"],
    ["08006", "connection failure"],
  ])("treats SQLSTATE %s as retryable", (code, message) => {
    const error = classifyPostgresError("PostgreSQL t", databaseError(code, message));
    expect(error).toMatchObject({ kind: "retryable", details: { vendorMessage: message } });
  });

  it("keeps the database's message for constraint and data errors, but not its DETAIL", () => {
    const error = classifyPostgresError(
      "PostgreSQL t",
      databaseError("23505", 'duplicate key value violates unique constraint "t_email_key"', {
        constraint: "t_email_key",
        detail: "Key (email)=(ada@example.com) already exists.",
      }),
    );
    expect(error.kind).toBe("permanent");
    expect(error.message).toBe(
      'PostgreSQL t failed with SQLSTATE 23505: duplicate key value violates unique constraint "t_email_key" (constraint t_email_key)',
    );
    expect(classifyPostgresError("t", databaseError("22001", "value too long")).kind).toBe(
      "permanent",
    );
  });

  it("reports network failures by code only", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 10.0.0.5:5432"), {
      code: "ECONNREFUSED",
    });
    const error = classifyPostgresError("PostgreSQL t", refused);
    expect(error).toMatchObject({ kind: "retryable" });
    expect(error.message).toBe("PostgreSQL t failed: network error ECONNREFUSED");
    expect(classifyPostgresError("t", new Error("Connection terminated unexpectedly")).kind).toBe(
      "retryable",
    );
  });
});
