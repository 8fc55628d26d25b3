import { RE2JS } from "re2js";

/**
 * The regular-expression engine mapping expressions run with: RE2 (through re2js, pure
 * JavaScript), which matches in time linear in the input, so no pattern (`(a+)+$` on a long
 * run of `a`s) can backtrack for minutes inside one JSONata step, where the evaluator's time
 * limit is never checked. It takes JSONata's place for `RegExp` (JSONata's `RegexEngine`
 * option): constructed from the parsed literal, then `exec` from `lastIndex`, as JSONata
 * drives it. Patterns RE2 cannot run in linear time (backreferences, lookaround) are refused
 * when the expression is checked, naming the pattern.
 */
/** Compiled patterns, by flags and source: JSONata constructs its engine on every evaluation. */
const compiledPatterns = new Map<string, RE2JS>();
const MAX_COMPILED_PATTERNS = 1_000;

function compile(source: string, re2Flags: number): RE2JS {
  const key = `${re2Flags}/${source}`;
  let compiled = compiledPatterns.get(key);
  if (!compiled) {
    compiled = RE2JS.compile(RE2JS.translateRegExp(source), re2Flags);
    if (compiledPatterns.size >= MAX_COMPILED_PATTERNS) compiledPatterns.clear();
    compiledPatterns.set(key, compiled);
  }
  return compiled;
}

export class LinearRegex {
  lastIndex = 0;
  private readonly compiled: RE2JS;

  constructor(pattern: RegExp | string, flags?: string) {
    const source = typeof pattern === "string" ? pattern : pattern.source;
    const allFlags = typeof pattern === "string" ? (flags ?? "") : pattern.flags;
    let re2Flags = 0;
    if (allFlags.includes("i")) re2Flags |= RE2JS.CASE_INSENSITIVE;
    if (allFlags.includes("m")) re2Flags |= RE2JS.MULTILINE;
    if (allFlags.includes("s")) re2Flags |= RE2JS.DOTALL;
    this.compiled = compile(source, re2Flags);
  }

  exec(input: string): RegExpExecArray | null {
    const matcher = this.compiled.matcher(input);
    if (this.lastIndex > input.length || !matcher.find(this.lastIndex)) {
      this.lastIndex = 0;
      return null;
    }
    const groups: (string | undefined)[] = [];
    for (let group = 0; group <= matcher.groupCount(); group += 1)
      groups.push(matcher.group(group) ?? undefined);
    const start = matcher.start(0);
    this.lastIndex = matcher.end(0);
    return Object.assign(groups as string[], { index: start, input }) as RegExpExecArray;
  }
}

/** Why RE2 cannot run this pattern, or null when it can. */
export function linearRegexProblem(pattern: RegExp): string | null {
  try {
    new LinearRegex(pattern);
    return null;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return `the regular expression /${pattern.source}/ needs backtracking (${reason}); mapping expressions match in linear time, without backreferences or lookaround`;
  }
}
