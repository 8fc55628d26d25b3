import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson } from "./canonical-json";

/** The definition, written the obvious way: sorted keys, undefined members dropped. */
function reference(value: unknown): string {
  if (value === null || typeof value !== "object") {
    return value === undefined ? "null" : (JSON.stringify(value) ?? "null");
  }
  if (Array.isArray(value)) return `[${value.map(reference).join(",")}]`;
  const record = value as Record<string, unknown>;
  const members = Object.keys(record)
    .sort()
    .filter((key) => record[key] !== undefined)
    .map((key) => `${JSON.stringify(key)}:${reference(record[key])}`);
  return `{${members.join(",")}}`;
}

describe("canonicalJson", () => {
  it("prints JSON values with sorted keys, like the definition", () => {
    const withUndefined = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: "small" },
        fc.jsonValue({ maxDepth: 1 }),
        fc.constant(undefined),
        fc.array(tie("value"), { maxLength: 4 }),
        fc.dictionary(
          fc.oneof(fc.string({ maxLength: 4 }), fc.nat({ max: 20 }).map(String)),
          tie("value"),
          { maxKeys: 5 },
        ),
      ),
    })).value;
    fc.assert(
      fc.property(withUndefined, (value) => {
        expect(canonicalJson(value)).toBe(reference(value));
      }),
      { numRuns: 500 },
    );
  });

  it("sorts array-index keys as text, not in the order objects enumerate them", () => {
    expect(canonicalJson({ b: 1, 10: "ten", 9: "nine", a: [{ z: 1, y: undefined }] })).toBe(
      '{"10":"ten","9":"nine","a":[{"z":1}],"b":1}',
    );
  });
});
