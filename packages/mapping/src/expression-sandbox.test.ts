import jsonata from "jsonata";
import { describe, expect, it } from "vitest";
import { checkExpression, compileSandboxedExpression } from "./expression-sandbox";

const evaluate = (expression: string, input: Record<string, unknown> = {}) =>
  compileSandboxedExpression(expression).evaluate(input);

describe("mapping expressions' regular expressions", () => {
  it("match a pattern that backtracks exponentially in time linear in the input", async () => {
    // With JavaScript's engine this one step takes minutes, and the evaluator's time limit,
    // checked between steps, never fires.
    const input = `${"a".repeat(40)}!`;
    expect(await evaluate(`$contains(s, /(a+)+$/)`, { s: input })).toBe(false);
    expect(await evaluate(`$contains(s, /(a+)+!$/)`, { s: input })).toBe(true);
  });

  it.each([
    `$match("Dept: R&D, Ops", /([A-Z])([a-z&]+)/)`,
    `$replace("a-b-c", /-/, "+")`,
    `$replace("Ada Lovelace", /(\\w+) (\\w+)/, "$2, $1")`,
    `$split("a1b22c", /[0-9]+/)`,
    `$contains("GRACE", /grace/i)`,
    `$replace(" Ada  Lovelace ", /\\s+/, " ")`,
    `$match("line one\\nline two", /^line (\\w+)$/m)`,
    `$match("no digits here", /[0-9]+/)`,
  ])("give what JavaScript's engine gives: %s", async (expression) => {
    const native: unknown = await jsonata(expression).evaluate({});
    expect(JSON.parse(JSON.stringify((await evaluate(expression)) ?? null))).toEqual(
      JSON.parse(JSON.stringify(native ?? null)),
    );
  });

  it("are refused when checked if they need backtracking, naming the pattern", () => {
    const backreference = checkExpression(`$match(s, /(a)\\1/)`);
    expect(backreference).toMatchObject({ ok: false, problem: "syntax" });
    expect(backreference.ok ? "" : backreference.message).toContain("/(a)\\1/");
    expect(checkExpression(`$contains(s, /x(?=y)/)`)).toMatchObject({ ok: false });
    expect(checkExpression(`$contains(s, /^[A-Z]{2}\\d+$/)`)).toEqual({ ok: true });
  });
});
