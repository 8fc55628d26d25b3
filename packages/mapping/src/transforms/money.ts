import type { MoneyFormat } from "../document-schema";
import { describeValue, Skip } from "./skip";

/**
 * Parses a plain decimal ("-12.5") into minor units with `decimals` digits, by hand rather than
 * by regular expression because it runs once per money field per record.
 */
function parseDecimal(text: string, decimals: number): number | "invalid" | "too-precise" {
  let index = text.charCodeAt(0) === 45 ? 1 : 0;
  const negative = index === 1;
  let minor = 0;
  let digits = 0;
  let fraction = -1;
  for (; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 46 && fraction === -1 && digits > 0) {
      fraction = 0;
      continue;
    }
    if (code < 48 || code > 57) return "invalid";
    if (fraction >= 0 && ++fraction > decimals) return "too-precise";
    minor = minor * 10 + (code - 48);
    digits++;
  }
  if (digits === 0 || fraction === 0) return "invalid";
  if (fraction < decimals) minor *= 10 ** (decimals - Math.max(fraction, 0));
  return negative ? -minor : minor;
}

type MinorReader = (value: unknown) => number | Skip;

/** Reads an amount in `format` into integer minor units, refusing anything that would lose precision. */
function minorReader(format: MoneyFormat, decimals: number, currency: string): MinorReader {
  switch (format) {
    case "minor":
      return (value) =>
        typeof value === "number" && Number.isSafeInteger(value)
          ? value
          : new Skip(
              `expected an integer amount in minor units of ${currency}, got ${describeValue(value)}`,
            );
    case "decimal-number":
      return (value) => {
        if (typeof value !== "number" || !Number.isFinite(value)) {
          return new Skip(`expected a decimal number amount, got ${describeValue(value)}`);
        }
        // The shortest text that reads back as this number is the amount the sender meant;
        // scaling the float instead would turn 2285204846.95 into …94.99997.
        return checkedMinor(parseDecimal(String(value), decimals), value, decimals, currency);
      };
    case "decimal-string":
      return (value) =>
        typeof value === "string"
          ? checkedMinor(parseDecimal(value, decimals), value, decimals, currency)
          : new Skip(`expected a decimal string amount, got ${describeValue(value)}`);
    case "decimal-with-code":
      return (value) => {
        if (typeof value !== "string")
          return new Skip(`expected a decimal string amount, got ${describeValue(value)}`);
        const [number, code, extra] = value.split(" ");
        if (code !== currency || extra !== undefined || number === undefined) {
          return new Skip(
            `expected an amount written "123.45 ${currency}", got ${describeValue(value)}`,
          );
        }
        return checkedMinor(parseDecimal(number, decimals), value, decimals, currency);
      };
  }
}

function checkedMinor(
  minor: ReturnType<typeof parseDecimal>,
  value: unknown,
  decimals: number,
  currency: string,
): number | Skip {
  if (minor === "invalid") return new Skip(`${describeValue(value)} is not a decimal amount`);
  if (minor === "too-precise") {
    return new Skip(
      `${describeValue(value)} has more than ${decimals} decimals, the minor unit of ${currency}`,
    );
  }
  if (!Number.isSafeInteger(minor))
    return new Skip(`${describeValue(value)} is too large to convert exactly`);
  return minor;
}

function fromMinor(
  minor: number,
  format: MoneyFormat,
  decimals: number,
  currency: string,
): string | number {
  if (format === "minor") return minor;
  const digits = String(Math.abs(minor)).padStart(decimals + 1, "0");
  const whole = digits.slice(0, digits.length - decimals);
  const decimal = decimals === 0 ? whole : `${whole}.${digits.slice(digits.length - decimals)}`;
  const signed = minor < 0 ? `-${decimal}` : decimal;
  if (format === "decimal-number") return Number(signed);
  return format === "decimal-with-code" ? `${signed} ${currency}` : signed;
}

/**
 * A money conversion between representations of the same currency, specialised once per pair
 * of formats; null and absent pass through.
 */
export function moneyTransform(
  from: MoneyFormat,
  to: MoneyFormat,
  decimals: number,
  currency: string,
): (value: unknown) => unknown {
  const read = minorReader(from, decimals, currency);
  if (to === "minor") {
    return (value) => (value === null || value === undefined ? value : read(value));
  }
  return (value) => {
    if (value === null || value === undefined) return value;
    const minor = read(value);
    return minor instanceof Skip ? minor : fromMinor(minor, to, decimals, currency);
  };
}
