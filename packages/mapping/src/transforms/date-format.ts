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

/** Where each part of a pattern sits: every token has a fixed width, so at a fixed offset. */
interface DateLayout {
  length: number;
  yearAt: number;
  monthAt: number;
  dayAt: number;
  literals: { at: number; code: number }[];
  /** Per position of the written date: -1 for a digit, else the code of the literal character. */
  expected: number[];
  /** The pattern in order: a token, or a run of literal text. */
  pieces: ({ token: Token; at: number } | { text: string })[];
}

/** Documents repeat the same few patterns; bounded, because patterns come from documents. */
const layoutCache = new Map<string, DateLayout | { error: string }>();
const conversionCache = new Map<string, DateConversion | { error: string }>();
const CACHE_LIMIT = 256;

function cached<T>(cache: Map<string, T>, key: string, make: () => T): T {
  let value = cache.get(key);
  if (value === undefined) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    value = make();
    cache.set(key, value);
  }
  return value;
}

function tokenAtStart(text: string): Token | undefined {
  for (const token of TOKENS) if (text.startsWith(token)) return token;
  return undefined;
}

function dateLayout(pattern: string): DateLayout | { error: string } {
  return cached(layoutCache, pattern, () => readLayout(pattern));
}

function readLayout(pattern: string): DateLayout | { error: string } {
  const tokenAt: Partial<Record<Token, number>> = {};
  const layout: Omit<DateLayout, "yearAt" | "monthAt" | "dayAt" | "length"> = {
    expected: [],
    literals: [],
    pieces: [],
  };
  let offset = 0;
  let rest = pattern;
  while (rest.length > 0) {
    const token = tokenAtStart(rest);
    if (token) {
      if (tokenAt[token] !== undefined) return { error: `"${pattern}" uses ${token} twice` };
      tokenAt[token] = offset;
      for (let i = 0; i < TOKEN_WIDTH[token]; i++) layout.expected.push(-1);
      layout.pieces.push({ token, at: offset });
      offset += TOKEN_WIDTH[token];
      rest = rest.slice(token.length);
    } else {
      const char = rest.charAt(0);
      layout.literals.push({ at: offset, code: char.charCodeAt(0) });
      layout.expected.push(char.charCodeAt(0));
      const last = layout.pieces[layout.pieces.length - 1];
      if (last && "text" in last) last.text += char;
      else layout.pieces.push({ text: char });
      offset += 1;
      rest = rest.slice(1);
    }
  }
  const { YYYY: yearAt, MM: monthAt, DD: dayAt } = tokenAt;
  if (yearAt === undefined || monthAt === undefined || dayAt === undefined) {
    return { error: `"${pattern}" must contain YYYY, MM and DD once each` };
  }
  return { ...layout, length: offset, yearAt, monthAt, dayAt };
}

const digitAt = (text: string, at: number) => text.charCodeAt(at) - 48;

/** Whether `input` is written in `layout` and names a day that exists. Character checks only, no allocation. */
function fitsLayout(layout: DateLayout, input: string): boolean {
  if (input.length !== layout.length) return false;
  const { expected, yearAt, monthAt, dayAt } = layout;
  for (let at = 0; at < expected.length; at++) {
    const code = input.charCodeAt(at);
    const literal = expected[at] ?? -1;
    if (literal < 0 ? code < 48 || code > 57 : code !== literal) return false;
  }
  const month = digitAt(input, monthAt) * 10 + digitAt(input, monthAt + 1);
  const day = digitAt(input, dayAt) * 10 + digitAt(input, dayAt + 1);
  if (month < 1 || month > 12 || day < 1) return false;
  if (day <= 28) return true;
  const year =
    digitAt(input, yearAt) * 1000 +
    digitAt(input, yearAt + 1) * 100 +
    digitAt(input, yearAt + 2) * 10 +
    digitAt(input, yearAt + 3);
  return day <= daysInMonth(year, month);
}

/** What is wrong with a date pattern, if anything. */
export function datePatternError(pattern: string): string | undefined {
  const layout = dateLayout(pattern);
  return "error" in layout ? layout.error : undefined;
}

/**
 * Compiles a pattern such as "MM/DD/YYYY" into a parser and formatter, or says what is wrong.
 * Every token has a fixed width, so each part sits at a fixed offset: parsing is character
 * checks and slices, with no regular expression.
 */
export function compileDatePattern(pattern: string): DateCodec | { error: string } {
  const layout = dateLayout(pattern);
  if ("error" in layout) return layout;
  const { yearAt, monthAt, dayAt, pieces } = layout;
  return {
    parse: (input) =>
      fitsLayout(layout, input)
        ? {
            year: input.slice(yearAt, yearAt + 4),
            month: input.slice(monthAt, monthAt + 2),
            day: input.slice(dayAt, dayAt + 2),
          }
        : null,
    format: (date) =>
      pieces
        .map((piece) =>
          "text" in piece
            ? piece.text
            : piece.token === "YYYY"
              ? date.year
              : piece.token === "MM"
                ? date.month
                : date.day,
        )
        .join(""),
  };
}

/** One piece of the output: a slice of the input, or literal text (start < 0). */
interface OutputPiece {
  start: number;
  end: number;
  text: string;
}

/**
 * Rewrites a date checked against `from` into `to` by copying slices of the input, with no
 * intermediate object: the output's pieces are precomputed as input offsets and literals,
 * adjacent slices merged (the same pattern on both sides copies the whole input).
 */
function rewriter(from: DateLayout, to: DateLayout): (input: string) => string {
  const startOf = { YYYY: from.yearAt, MM: from.monthAt, DD: from.dayAt };
  const pieces: OutputPiece[] = [];
  for (const piece of to.pieces) {
    const last = pieces[pieces.length - 1];
    if ("text" in piece) {
      pieces.push({ start: -1, end: -1, text: piece.text });
      continue;
    }
    const start = startOf[piece.token];
    const end = start + TOKEN_WIDTH[piece.token];
    if (last && last.end === start) last.end = end;
    else pieces.push({ start, end, text: "" });
  }
  // Literal text between two slices that the input holds at the same place joins them.
  for (let i = pieces.length - 2; i > 0; i--) {
    const [before, literal, after] = [pieces[i - 1], pieces[i], pieces[i + 1]];
    if (!before || !literal || !after || literal.start >= 0 || before.start < 0) continue;
    if (after.start !== before.end + literal.text.length) continue;
    const inInput = from.literals.filter(
      (entry) => entry.at >= before.end && entry.at < after.start,
    );
    const same =
      inInput.length === literal.text.length &&
      inInput.every((entry, k) => entry.code === literal.text.charCodeAt(k));
    if (!same) continue;
    before.end = after.end;
    pieces.splice(i, 2);
  }
  const [p0] = pieces;
  if (pieces.length === 1 && p0?.start === 0 && p0.end === from.length) return (input) => input;
  return charCodeRewriter(pieces, to.length) ?? sliceRewriter(pieces);
}

function sliceRewriter(pieces: readonly OutputPiece[]): (input: string) => string {
  return (input) => {
    let out = "";
    for (const piece of pieces)
      out += piece.start < 0 ? piece.text : input.slice(piece.start, piece.end);
    return out;
  };
}

/**
 * For the common 8- and 10-character patterns: one String.fromCharCode over precomputed input
 * offsets and literal codes, which costs a third of concatenating short slices (each `+` of
 * strings this short copies into a new string).
 */
function charCodeRewriter(
  pieces: readonly OutputPiece[],
  length: number,
): ((input: string) => string) | undefined {
  if (length !== 8 && length !== 10) return undefined;
  const source: number[] = [];
  const literal: number[] = [];
  for (const piece of pieces) {
    if (piece.start < 0) {
      for (let i = 0; i < piece.text.length; i++) {
        source.push(-1);
        literal.push(piece.text.charCodeAt(i));
      }
    } else {
      for (let at = piece.start; at < piece.end; at++) {
        source.push(at);
        literal.push(0);
      }
    }
  }
  const code = (input: string, j: number) => {
    const at = source[j] ?? -1;
    return at < 0 ? (literal[j] ?? 0) : input.charCodeAt(at);
  };
  if (length === 8) {
    return (input) =>
      String.fromCharCode(
        code(input, 0),
        code(input, 1),
        code(input, 2),
        code(input, 3),
        code(input, 4),
        code(input, 5),
        code(input, 6),
        code(input, 7),
      );
  }
  return (input) =>
    String.fromCharCode(
      code(input, 0),
      code(input, 1),
      code(input, 2),
      code(input, 3),
      code(input, 4),
      code(input, 5),
      code(input, 6),
      code(input, 7),
      code(input, 8),
      code(input, 9),
    );
}

/**
 * A transform from dates written `fromPattern` to dates written `toPattern`, specialised once
 * per pattern pair; null and absent pass through. Or what is wrong with a pattern.
 */
export function compileDateConversion(
  fromPattern: string,
  toPattern: string,
): DateConversion | { error: string } {
  // Shared per pattern pair: the conversion holds no state.
  return cached(conversionCache, `${fromPattern}\u0000${toPattern}`, () =>
    dateConversion(fromPattern, toPattern),
  );
}

export type DateConversion = (value: unknown) => unknown;

function dateConversion(
  fromPattern: string,
  toPattern: string,
): DateConversion | { error: string } {
  const from = dateLayout(fromPattern);
  if ("error" in from) return from;
  const to = dateLayout(toPattern);
  if ("error" in to) return to;
  const wrongType = (value: unknown) =>
    new Skip(`expected a date written ${fromPattern}, got ${describeValue(value)}`);
  const invalid = (value: unknown) =>
    new Skip(`${describeValue(value)} is not a valid date written ${fromPattern}`);
  return (
    generatedDateConversion(from, to, wrongType, invalid) ??
    interpretedDateConversion(from, to, wrongType, invalid)
  );
}

type SkipOf = (value: unknown) => Skip;

function interpretedDateConversion(
  from: DateLayout,
  to: DateLayout,
  wrongType: SkipOf,
  invalid: SkipOf,
): DateConversion {
  const rewrite = rewriter(from, to);
  return (value) => {
    if (value === null || value === undefined) return value;
    if (typeof value !== "string") return wrongType(value);
    if (!fitsLayout(from, value)) return invalid(value);
    return rewrite(value);
  };
}

/** Longer patterns are interpreted: the generated code grows with them. */
const MAX_GENERATED_LENGTH = 32;

/**
 * The conversion as straight-line generated code: each character read once into a local, the
 * digits and literals checked against constants, the output built by one String.fromCharCode.
 * Only numbers (offsets, character codes) are embedded; messages stay in closures. Undefined
 * where code generation is refused (a strict Content-Security-Policy) or patterns are long.
 */
function generatedDateConversion(
  from: DateLayout,
  to: DateLayout,
  wrongType: SkipOf,
  invalid: SkipOf,
): DateConversion | undefined {
  if (from.length > MAX_GENERATED_LENGTH || to.length > MAX_GENERATED_LENGTH) return undefined;
  const startOf = { YYYY: from.yearAt, MM: from.monthAt, DD: from.dayAt };
  const output: string[] = [];
  for (const piece of to.pieces) {
    if ("text" in piece) {
      for (let i = 0; i < piece.text.length; i++) output.push(String(piece.text.charCodeAt(i)));
    } else {
      const start = startOf[piece.token];
      for (let i = 0; i < TOKEN_WIDTH[piece.token]; i++) output.push(`c${start + i}`);
    }
  }
  const identity = output.length === from.length && output.every((code, at) => code === `c${at}`);
  const reads = from.expected.map((_, at) => `const c${at} = v.charCodeAt(${at});`);
  const checks = from.expected.map((literal, at) =>
    literal < 0 ? `c${at} < 48 || c${at} > 57` : `c${at} !== ${literal}`,
  );
  const digit = (at: number) => `(c${at} - 48)`;
  const two = (at: number) => `${digit(at)} * 10 + ${digit(at + 1)}`;
  const year = `${digit(from.yearAt)} * 1000 + ${digit(from.yearAt + 1)} * 100 + ${two(from.yearAt + 2)}`;
  const body = `return function convertDate(v) {
if (v === null || v === undefined) return v;
if (typeof v !== "string") return wrongType(v);
if (v.length !== ${from.length}) return invalid(v);
${reads.join("\n")}
if (${checks.join(" || ")}) return invalid(v);
const month = ${two(from.monthAt)};
const day = ${two(from.dayAt)};
if (month < 1 || month > 12 || day < 1) return invalid(v);
if (day > 28 && day > daysInMonth(${year}, month)) return invalid(v);
return ${identity ? "v" : `String.fromCharCode(${output.join(", ")})`};
};`;
  try {
    // Generated from numbers only (offsets and character codes); see the comment above.
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    const make = new Function("wrongType", "invalid", "daysInMonth", body) as (
      wrongType: SkipOf,
      invalid: SkipOf,
      days: typeof daysInMonth,
    ) => DateConversion;
    return make(wrongType, invalid, daysInMonth);
  } catch {
    return undefined;
  }
}

/** Both implementations, for tests that hold them to the same reference. */
export const dateConversionsForTesting = {
  generated(fromPattern: string, toPattern: string): DateConversion | undefined {
    const from = dateLayout(fromPattern);
    const to = dateLayout(toPattern);
    if ("error" in from || "error" in to) return undefined;
    const skip = (value: unknown) => new Skip(String(value));
    return generatedDateConversion(from, to, skip, skip);
  },
  interpreted(fromPattern: string, toPattern: string): DateConversion | undefined {
    const from = dateLayout(fromPattern);
    const to = dateLayout(toPattern);
    if ("error" in from || "error" in to) return undefined;
    const skip = (value: unknown) => new Skip(String(value));
    return interpretedDateConversion(from, to, skip, skip);
  },
};
