import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { tokenizeJsonata } from "./jsonata-tokens";

describe("tokenizeJsonata", () => {
  it("classifies strings, variables, numbers and keywords", () => {
    const kinds = tokenizeJsonata('$uppercase(name) & " " & 42 and true')
      .filter((token) => token.kind !== "space")
      .map((token) => token.kind);
    expect(kinds).toEqual([
      "variable",
      "operator",
      "name",
      "operator",
      "operator",
      "string",
      "operator",
      "number",
      "keyword",
      "keyword",
    ]);
  });

  it("never loses or adds a character, whatever is typed", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (source) => {
        expect(
          tokenizeJsonata(source)
            .map((token) => token.text)
            .join(""),
        ).toBe(source);
      }),
    );
  });
});
