import { Employee } from "@tandem/hr-model";
import { describe, expect, it } from "vitest";
import { generateEmployees, mulberry32 } from "./generator";

describe("generateEmployees", () => {
  it("is deterministic for a seed and differs across seeds", () => {
    expect(generateEmployees({ count: 20, seed: 1 })).toEqual(
      generateEmployees({ count: 20, seed: 1 }),
    );
    expect(generateEmployees({ count: 20, seed: 1 })).not.toEqual(
      generateEmployees({ count: 20, seed: 2 }),
    );
  });

  it("makes valid employees with unique work emails derived from their names", () => {
    const people = generateEmployees({ count: 300, seed: 42, emailDomain: "acme.test" });
    expect(people).toHaveLength(300);
    for (const person of people) {
      expect(Employee.safeParse(person).success).toBe(true);
      expect(person.workEmail).toMatch(/^[a-z]+\.[a-z]+\d*@acme\.test$/);
      if (person.status === "terminated") {
        expect(person.terminationDate! >= person.startDate!).toBe(true);
      }
    }
    expect(new Set(people.map((person) => person.workEmail)).size).toBe(300);
    expect(people.some((person) => person.status === "terminated")).toBe(true);
  });

  it("uses a PRNG in [0, 1)", () => {
    const random = mulberry32(123);
    const values = Array.from({ length: 1000 }, random);
    expect(values.every((value) => value >= 0 && value < 1)).toBe(true);
  });
});
