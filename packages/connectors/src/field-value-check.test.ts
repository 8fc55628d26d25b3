import { describe, expect, it } from "vitest";
import { describeField, requiredField } from "./connector-description";
import { fieldValueProblem, readFieldValue } from "./field-value-check";

describe("readFieldValue", () => {
  it("follows dotted ids and reports a missing step as undefined", () => {
    const raw = { work: { title: "Analyst", site: null }, id: "7" };
    expect(readFieldValue(raw, "work.title")).toBe("Analyst");
    expect(readFieldValue(raw, "work.site")).toBeNull();
    expect(readFieldValue(raw, "work.department")).toBeUndefined();
    expect(readFieldValue(raw, "id.length")).toBeUndefined();
    expect(readFieldValue(raw, "toString")).toBeUndefined();
  });
});

describe("fieldValueProblem", () => {
  it("accepts values of the declared type and null or absence where allowed", () => {
    expect(fieldValueProblem(requiredField("rate", "money"), 6_000_000)).toBeNull();
    expect(fieldValueProblem(requiredField("rate", "decimal"), "60000.00")).toBeNull();
    expect(fieldValueProblem(describeField("hired", "date"), "2024-03-01")).toBeNull();
    expect(fieldValueProblem(describeField("hired", "date"), null)).toBeNull();
    expect(fieldValueProblem(describeField("hired", "date"), undefined)).toBeNull();
    expect(fieldValueProblem(requiredField("on", "boolean"), false)).toBeNull();
    expect(fieldValueProblem(requiredField("cur", "currency"), "USD")).toBeNull();
  });

  it("names what is wrong with a value that does not fit", () => {
    expect(fieldValueProblem(requiredField("id", "id"), undefined)).toBe("required but absent");
    expect(fieldValueProblem(requiredField("id", "id"), null)).toBe("null but not nullable");
    expect(fieldValueProblem(requiredField("rate", "money"), "60000.00")).toBe(
      '"60000.00" is not an integer (declared money)',
    );
    expect(fieldValueProblem(requiredField("rate", "decimal"), 60000)).toMatch(/not a string/);
    expect(fieldValueProblem(requiredField("rate", "decimal"), "60,000")).toMatch(/decimal/);
    expect(fieldValueProblem(describeField("hired", "date"), "03/01/2024")).toMatch(/YYYY-MM-DD/);
    expect(fieldValueProblem(requiredField("cur", "currency"), "usd")).toMatch(/ISO 4217/);
    expect(fieldValueProblem(requiredField("on", "boolean"), "true")).toMatch(/boolean/);
    expect(
      fieldValueProblem(requiredField("status", "enum", { enumValues: ["Active"] }), "Gone"),
    ).toBe('"Gone" is not one of Active (declared enum)');
  });
});
