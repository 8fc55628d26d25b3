import { currencyMinorUnitDigits } from "@tandem/hr-model";
import { ConnectorError } from "./contract";

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/**
 * A vendor's decimal money string ("60000.00") as integer minor units of `currency`, exactly
 * (no floating point). More decimals than the currency has, or anything but a plain
 * non-negative decimal, is a permanent error naming `what`.
 */
export function decimalToMinorUnits(value: string, currency: string, what: string): number {
  const digits = currencyMinorUnitDigits(currency);
  const match = DECIMAL.exec(value.trim());
  const whole = match?.[1];
  const fraction = (match?.[2] ?? "").replace(/0+$/, "");
  if (whole === undefined || fraction.length > digits) {
    throw new ConnectorError(
      `${what} is ${JSON.stringify(value)}, expected a decimal amount with at most ${digits} decimals`,
      "permanent",
    );
  }
  const minor = Number(whole + fraction.padEnd(digits, "0"));
  if (!Number.isSafeInteger(minor)) {
    throw new ConnectorError(`${what} is ${JSON.stringify(value)}, too large`, "permanent");
  }
  return minor;
}

/** Integer minor units as the decimal string vendors such as Gusto expect ("60000.00"). */
export function minorUnitsToDecimal(amount: number, currency: string): string {
  const digits = currencyMinorUnitDigits(currency);
  const text = String(amount).padStart(digits + 1, "0");
  return digits === 0 ? text : `${text.slice(0, -digits)}.${text.slice(-digits)}`;
}
