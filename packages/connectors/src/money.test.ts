import { describe, expect, it } from "vitest";
import { ConnectorError } from "./contract";
import { decimalToMinorUnits, minorUnitsToDecimal } from "./money";

describe("money conversions", () => {
  it("turns decimal strings into exact minor units and back", () => {
    expect(decimalToMinorUnits("60000.00", "USD", "rate")).toBe(6_000_000);
    expect(decimalToMinorUnits("0.29", "USD", "rate")).toBe(29);
    expect(decimalToMinorUnits("17.5", "USD", "rate")).toBe(1_750);
    expect(decimalToMinorUnits("1200", "JPY", "rate")).toBe(1_200);
    expect(decimalToMinorUnits("1.234", "KWD", "rate")).toBe(1_234);
    expect(minorUnitsToDecimal(6_000_000, "USD")).toBe("60000.00");
    expect(minorUnitsToDecimal(5, "USD")).toBe("0.05");
    expect(minorUnitsToDecimal(1_200, "JPY")).toBe("1200");
  });

  it("refuses what is not an amount of the currency, naming the field", () => {
    for (const bad of ["60,000.00", "-5.00", "1.005", "", "abc", "1e5"]) {
      expect(() => decimalToMinorUnits(bad, "USD", "Gusto compensation c1 rate")).toThrow(
        ConnectorError,
      );
    }
    expect(() => decimalToMinorUnits("1.5", "JPY", "rate")).toThrow(/at most 0 decimals/);
  });
});
