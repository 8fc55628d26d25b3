import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  compileDateConversion,
  compileDatePattern,
  dateConversionsForTesting,
  type DateCodec,
  type DateParts,
} from "./date-format";
import { Skip } from "./skip";

const PATTERNS = ["YYYY-MM-DD", "MM/DD/YYYY", "DD.MM.YYYY", "YYYYMMDD", "DD MM YYYY!", "MMDDYYYY"];

function codec(pattern: string): DateCodec {
  const compiled = compileDatePattern(pattern);
  if ("error" in compiled) throw new Error(compiled.error);
  return compiled;
}

function conversion(from: string, to: string): (value: unknown) => unknown {
  const compiled = compileDateConversion(from, to);
  if ("error" in compiled) throw new Error(compiled.error);
  return compiled;
}

/** An independent reading of a pattern: a regular expression and the calendar of Date. */
function referenceParse(pattern: string, text: string): DateParts | null {
  const groups: string[] = [];
  const source = pattern.replace(/YYYY|MM|DD|[^YMD]|[YMD]/g, (piece) => {
    if (piece === "YYYY" || piece === "MM" || piece === "DD") {
      groups.push(piece);
      return `(\\d{${piece.length}})`;
    }
    return piece.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  });
  const match = new RegExp(`^${source}$`).exec(text);
  if (!match) return null;
  const part = (token: string) => match[groups.indexOf(token) + 1] ?? "";
  const [year, month, day] = [part("YYYY"), part("MM"), part("DD")];
  const date = new Date(Date.UTC(2000, Number(month) - 1, Number(day)));
  date.setUTCFullYear(Number(year));
  const exists =
    date.getUTCFullYear() === Number(year) &&
    date.getUTCMonth() === Number(month) - 1 &&
    date.getUTCDate() === Number(day);
  return exists ? { year, month, day } : null;
}

/** Text shaped like a pattern: digits where tokens sit, literals or noise elsewhere. */
const writtenLike = (pattern: string) =>
  fc
    .array(fc.constantFrom(..."0123456789/-. !x"), {
      minLength: pattern.length - 2,
      maxLength: pattern.length,
    })
    .map((chars) => chars.join(""));

describe("compileDateConversion", () => {
  it("agrees with parsing by one pattern and formatting by the other, for valid and invalid text", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PATTERNS),
        fc.constantFrom(...PATTERNS),
        fc.oneof(
          fc
            .date({ min: new Date("1000-01-01"), max: new Date("9999-12-31"), noInvalidDate: true })
            .map((date) => date.toISOString().slice(0, 10)),
          writtenLike("YYYY-MM-DD"),
        ),
        (from, to, iso) => {
          const parsed = codec("YYYY-MM-DD").parse(iso);
          const input = parsed ? codec(from).format(parsed) : iso;
          const expected = referenceParse(from, input);
          expect(codec(from).parse(input)).toEqual(expected);
          const implementations = [
            conversion(from, to),
            dateConversionsForTesting.generated(from, to),
            dateConversionsForTesting.interpreted(from, to),
          ];
          for (const convert of implementations) {
            expect(convert).toBeDefined();
            const result = convert?.(input);
            if (expected) expect(result).toBe(codec(to).format(expected));
            else expect(result).toBeInstanceOf(Skip);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it("refuses days that do not exist, and checks the literals", () => {
    const toIso = conversion("MM/DD/YYYY", "YYYY-MM-DD");
    expect(toIso("02/29/2024")).toBe("2024-02-29");
    expect(toIso("02/29/2023")).toBeInstanceOf(Skip);
    expect(toIso("04/31/2024")).toBeInstanceOf(Skip);
    expect(toIso("12-31-2024")).toBeInstanceOf(Skip);
    expect(toIso(null)).toBeNull();
    expect(toIso(undefined)).toBeUndefined();
  });

  it("returns the input itself when both patterns are the same", () => {
    expect(conversion("YYYY-MM-DD", "YYYY-MM-DD")("2024-06-30")).toBe("2024-06-30");
  });

  it("says what is wrong with a pattern", () => {
    expect(compileDateConversion("YYYY-MM", "YYYY-MM-DD")).toEqual({
      error: '"YYYY-MM" must contain YYYY, MM and DD once each',
    });
  });
});
