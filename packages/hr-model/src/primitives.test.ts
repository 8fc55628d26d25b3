import { describe, expect, it } from "vitest";
import { currencyMinorUnitDigits, isCalendarDate, Money } from "./primitives";

describe("primitives", () => {
  it("accepts only dates that exist", () => {
    expect(isCalendarDate("2024-02-29")).toBe(true);
    expect(isCalendarDate("2100-02-29")).toBe(false);
    expect(isCalendarDate("2000-02-29")).toBe(true);
    expect(isCalendarDate("2024-04-31")).toBe(false);
    expect(isCalendarDate("2024-13-01")).toBe(false);
    expect(isCalendarDate("2024-1-01")).toBe(false);
  });

  it("knows each currency's minor unit", () => {
    expect(currencyMinorUnitDigits("USD")).toBe(2);
    expect(currencyMinorUnitDigits("JPY")).toBe(0);
    expect(currencyMinorUnitDigits("KWD")).toBe(3);
  });

  it("refuses fractional minor units", () => {
    expect(Money.safeParse({ amount: 1050, currency: "EUR" }).success).toBe(true);
    expect(Money.safeParse({ amount: 10.5, currency: "EUR" }).success).toBe(false);
  });
});
