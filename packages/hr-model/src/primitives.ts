import { z } from "zod";

const ISO_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `value` is a real calendar date written YYYY-MM-DD (so 2023-02-29 is false). */
export function isCalendarDate(value: string): boolean {
  const match = ISO_DATE_PATTERN.exec(value);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    return leap ? 29 : 28;
  }
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** An ISO 8601 calendar date, `YYYY-MM-DD`. */
export const IsoDate = z
  .string()
  .refine(isCalendarDate, "expected an ISO 8601 date (YYYY-MM-DD) that exists in the calendar");
export type IsoDate = z.infer<typeof IsoDate>;

/** An ISO 8601 date-time with an offset, e.g. `2024-05-01T09:30:00Z`. */
export const IsoDateTime = z.iso.datetime({ offset: true });
export type IsoDateTime = z.infer<typeof IsoDateTime>;

/** An ISO 4217 alphabetic currency code. */
export const CurrencyCode = z
  .string()
  .regex(/^[A-Z]{3}$/, "expected an ISO 4217 currency code such as USD");
export type CurrencyCode = z.infer<typeof CurrencyCode>;

/** An amount in the currency's minor unit (cents for USD): an integer, never a float. */
export const MinorUnits = z
  .number()
  .int()
  .refine(Number.isSafeInteger, "amount is too large to be exact");
export type MinorUnits = z.infer<typeof MinorUnits>;

/** A percentage in basis points: 100 = 1%, 10000 = 100%. */
export const BasisPoints = z.number().int().min(0).max(1_000_000);
export type BasisPoints = z.infer<typeof BasisPoints>;

export const Money = z.object({ amount: MinorUnits, currency: CurrencyCode });
export type Money = z.infer<typeof Money>;

const MINOR_UNIT_DIGITS_OTHER_THAN_TWO: Readonly<Record<string, number>> = {
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  UYI: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
  CLF: 4,
  UYW: 4,
};

/** How many decimal digits the currency's minor unit has (ISO 4217 exponent): USD 2, JPY 0, KWD 3. */
export function currencyMinorUnitDigits(currency: string): number {
  return MINOR_UNIT_DIGITS_OTHER_THAN_TWO[currency] ?? 2;
}
