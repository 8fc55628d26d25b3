import jsonata from "jsonata";
import { LinearRegex, linearRegexProblem } from "./linear-regex";

/** Functions that read the clock, draw randomness or evaluate strings as code. */
export const FORBIDDEN_EXPRESSION_FUNCTIONS = ["now", "millis", "random", "eval"] as const;

export const EXPRESSION_LIMITS = { timeoutMs: 50, maxDepth: 200, maxSequence: 10_000 } as const;

export type ExpressionCheck =
  { ok: true } | { ok: false; problem: "syntax" | "forbidden"; message: string; position?: number };

function collectNodes(node: unknown, found: { variables: Set<string>; regexes: RegExp[] }): void {
  if (Array.isArray(node)) {
    for (const child of node) collectNodes(child, found);
    return;
  }
  if (typeof node !== "object" || node === null || node instanceof RegExp) return;
  const record = node as Record<string, unknown>;
  if (record.type === "variable" && typeof record.value === "string")
    found.variables.add(record.value);
  if (record.type === "regex" && record.value instanceof RegExp) found.regexes.push(record.value);
  for (const value of Object.values(record)) collectNodes(value, found);
}

interface JsonataFailure {
  message: string;
  code?: string;
  position?: number;
}

/** JSONata throws plain objects (`{ code, message, position }`), not `Error`s. */
function isJsonataFailure(error: unknown): error is JsonataFailure {
  return (
    typeof error === "object" &&
    error !== null &&
    typeof (error as { message?: unknown }).message === "string"
  );
}

/** What went wrong in an expression, in words: JSONata's code, position and message. */
export function describeExpressionFailure(error: unknown): string {
  if (!isJsonataFailure(error)) return String(error);
  const code = typeof error.code === "string" ? error.code : undefined;
  const position = typeof error.position === "number" ? ` at ${error.position}` : "";
  return code ? `${code}${position}: ${error.message}` : error.message;
}

/** Parses a JSONata expression and rejects any use of the clock, randomness or `$eval`. */
export function checkExpression(expression: string): ExpressionCheck {
  let ast: unknown;
  try {
    ast = jsonata(expression).ast();
  } catch (error) {
    const failure = isJsonataFailure(error) ? error : { message: String(error) };
    return {
      ok: false,
      problem: "syntax",
      message: failure.message,
      ...(failure.position === undefined ? {} : { position: failure.position }),
    };
  }
  const variables = new Set<string>();
  const regexes: RegExp[] = [];
  collectNodes(ast, { variables, regexes });
  for (const regex of regexes) {
    const problem = linearRegexProblem(regex);
    if (problem) return { ok: false, problem: "syntax", message: problem };
  }
  const forbidden = FORBIDDEN_EXPRESSION_FUNCTIONS.filter((name) => variables.has(name));
  if (forbidden.length > 0) {
    return {
      ok: false,
      problem: "forbidden",
      message: `uses ${forbidden.map((name) => `$${name}`).join(", ")}, which would make the sync non-deterministic`,
    };
  }
  return { ok: true };
}

const refuse = (name: string) => () => {
  throw new Error(`$${name} is not available in mapping expressions`);
};
// A second line of defence behind `checkExpression`: the sandbox shadows the forbidden built-ins.
const SANDBOX_BINDINGS = Object.fromEntries(
  FORBIDDEN_EXPRESSION_FUNCTIONS.map((name) => [name, refuse(name)]),
);

export interface SandboxedExpression {
  evaluate(input: Record<string, unknown>): Promise<unknown>;
}

/**
 * Compiles an expression that already passed `checkExpression`. Evaluation is bounded by
 * JSONata's own guardrails (time, depth, sequence length), checked between steps, and its
 * regular expressions run on RE2 (`LinearRegex`), so no single step can run long either.
 */
export function compileSandboxedExpression(expression: string): SandboxedExpression {
  const compiled = jsonata(expression, {
    timeout: EXPRESSION_LIMITS.timeoutMs,
    stack: EXPRESSION_LIMITS.maxDepth,
    sequence: EXPRESSION_LIMITS.maxSequence,
    RegexEngine: LinearRegex as unknown as RegExpConstructor,
  });
  return { evaluate: (input) => compiled.evaluate(input, SANDBOX_BINDINGS) as Promise<unknown> };
}
