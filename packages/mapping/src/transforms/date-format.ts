import { daysInMonth } from "@tandem/hr-model";
import { describeValue, Skip } from "./skip";

/** A date as written digits, already checked to exist in the calendar. */
export interface DateParts {
  year: string;
  month: string;
  day: string;
}

export interface DateCodec {
  parse(text: string): DateParts | null;
  format(date: DateParts): string;
}

const TOKENS = ["YYYY", "MM", "DD"] as const;
type Token = (typeof TOKENS)[number];

const TOKEN_WIDTH: Record<Token, number> = { YYYY: 4, MM: 2, DD: 2 };

/**
 * Compiles a pattern such as "MM/DD/YYYY" into a parser and formatter, or says what is wrong.
 * Every token has a fixed width, so each part sits at a fixed offset: parsing is character
 * checks and slices, with no regular expression, which keeps the evaluator fast.
 */
export function compileDatePattern(pattern: string): DateCodec | { error: string } {
  const tokenAt: Partial<Record<Token, number>> = {};
  const literals: { at: number; text: string }[] = [];
  const digitPositions: number[] = [];
  const pieces: string[] = [];
  let offset = 0;
  let rest = pattern;
  while (rest.length > 0) {
    const token = TOKENS.find((candidate) => rest.startsWith(candidate));
    if (token) {
      if (tokenAt[token] !== undefined) return { error: `"${pattern}" uses ${token} twice` };
      tokenAt[token] = offset;
      for (let i = 0; i < TOKEN_WIDTH[token]; i++) digitPositions.push(offset + i);
      pieces.push(token);
      offset += TOKEN_WIDTH[token];
      rest = rest.slice(token.length);
    } else {
      const char = rest.charAt(0);
      literals.push({ at: offset, text: char });
      const last = pieces[pieces.length - 1];
      if (last !== undefined && !TOKENS.includes(last as Token))
        pieces[pieces.length - 1] = last + char;
      else pieces.push(char);
      offset += 1;
      rest = rest.slice(1);
    }
  }
  const yearAt = tokenAt.YYYY;
  const monthAt = tokenAt.MM;
  const dayAt = tokenAt.DD;
  if (yearAt === undefined || monthAt === undefined || dayAt === undefined) {
    return { error: `"${pattern}" must contain YYYY, MM and DD once each` };
  }
  const length = offset;
  const piece = (part: string, date: DateParts) =>
    part === "YYYY" ? date.year : part === "MM" ? date.month : part === "DD" ? date.day : part;
  const [p0 = "", p1 = "", p2 = "", p3 = "", p4 = ""] = pieces;
  return {
    parse(input) {
      if (input.length !== length) return null;
      for (const position of digitPositions) {
        const code = input.charCodeAt(position);
        if (code < 48 || code > 57) return null;
      }
      for (const literal of literals) if (input[literal.at] !== literal.text) return null;
      const year = input.slice(yearAt, yearAt + 4);
      const month = input.slice(monthAt, monthAt + 2);
      const day = input.slice(dayAt, dayAt + 2);
      const monthNumber =
        (input.charCodeAt(monthAt) - 48) * 10 + input.charCodeAt(monthAt + 1) - 48;
      const dayNumber = (input.charCodeAt(dayAt) - 48) * 10 + input.charCodeAt(dayAt + 1) - 48;
      if (
        monthNumber < 1 ||
        monthNumber > 12 ||
        dayNumber < 1 ||
        dayNumber > daysInMonth(Number(year), monthNumber)
      ) {
        return null;
      }
      return { year, month, day };
    },
    format:
      pieces.length <= 5
        ? (date) =>
            piece(p0, date) + piece(p1, date) + piece(p2, date) + piece(p3, date) + piece(p4, date)
        : (date) => pieces.map((part) => piece(part, date)).join(""),
  };
}

/** A transform from dates written one way to dates written another; null and absent pass through. */
export function dateFormatTransform(
  from: DateCodec,
  to: DateCodec,
  fromPattern: string,
): (value: unknown) => unknown {
  return (value) => {
    if (value === null || value === undefined) return value;
    if (typeof value !== "string")
      return new Skip(`expected a date written ${fromPattern}, got ${describeValue(value)}`);
    const date = from.parse(value);
    if (!date)
      return new Skip(`${describeValue(value)} is not a valid date written ${fromPattern}`);
    return to.format(date);
  };
}
