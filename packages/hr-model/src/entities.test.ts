import { describe, expect, it } from "vitest";
import { z } from "zod";
import { HR_ENTITIES, HR_ENTITY_NAMES, entityFieldMetadata } from "./entities";
import { BenefitEnrollment } from "./benefit-enrollment";
import { Employee, EMPLOYEE_FIELDS } from "./employee";

describe("HR model entities", () => {
  it("describes every field of every entity", () => {
    for (const name of HR_ENTITY_NAMES) {
      const metadata = entityFieldMetadata(name);
      expect(metadata.map((field) => field.name)).toEqual(Object.keys(HR_ENTITIES[name].shape));
      for (const field of metadata) expect(field.description.length).toBeGreaterThan(0);
    }
  });

  it("derives required, nullable, sensitive, enum values and labels", () => {
    const byName = new Map(entityFieldMetadata("Employee").map((field) => [field.name, field]));
    expect(byName.get("firstName")).toMatchObject({
      required: true,
      nullable: false,
      type: "string",
      label: "First name",
    });
    expect(byName.get("nationalId")).toMatchObject({
      required: false,
      nullable: true,
      sensitive: true,
      label: "National ID",
    });
    expect(byName.get("status")?.enumValues).toEqual(["active", "leave", "terminated", "pending"]);
    expect(byName.get("managerId")).toMatchObject({ type: "reference", references: "Employee" });
    const rate = entityFieldMetadata("Compensation").find((field) => field.name === "rate");
    expect(rate).toMatchObject({ type: "money", currencyField: "currency", required: true });
  });

  it("keeps the flat employee core that other packages rely on", () => {
    expect(EMPLOYEE_FIELDS.slice(0, 9)).toEqual([
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
    const parsed = Employee.parse({
      firstName: "Ada",
      lastName: "Lovelace",
      status: "active",
      startDate: "2024-02-29",
    });
    expect(parsed.startDate).toBe("2024-02-29");
    expect(
      Employee.safeParse({
        firstName: "Ada",
        lastName: "L",
        status: "active",
        startDate: "2023-02-29",
      }).success,
    ).toBe(false);
  });

  it("holds deductions as integers: minor units or basis points", () => {
    const enrollment = {
      id: "e1",
      employeeId: "p1",
      benefitType: "401k",
      employeeDeductionType: "percent",
      employeeDeductionAmount: 500,
      currency: "USD",
      frequency: "every_paycheck",
      effectiveDate: "2024-01-01",
    };
    expect(BenefitEnrollment.safeParse(enrollment).success).toBe(true);
    expect(
      BenefitEnrollment.safeParse({ ...enrollment, employeeDeductionAmount: 5.5 }).success,
    ).toBe(false);
    expect(BenefitEnrollment.safeParse({ ...enrollment, currency: "usd" }).success).toBe(false);
  });

  it("exports a JSON Schema carrying the field metadata", () => {
    const schema = z.toJSONSchema(HR_ENTITIES.Employee) as {
      properties: Record<string, { sensitive?: boolean }>;
    };
    expect(schema.properties.nationalId?.sensitive).toBe(true);
  });
});
