export type TokenKind =
  "string" | "number" | "variable" | "keyword" | "operator" | "name" | "space" | "other";

export interface Token {
  kind: TokenKind;
  text: string;
}

const PATTERNS: [TokenKind, RegExp][] = [
  ["space", /^\s+/],
  ["string", /^"(?:[^"\\]|\\.)*"?|^'(?:[^'\\]|\\.)*'?/],
  ["number", /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/],
  ["variable", /^\$[A-Za-z0-9_]*/],
  ["keyword", /^(?:and|or|in|true|false|null|function)\b/],
  ["name", /^[A-Za-z_][A-Za-z0-9_]*|^`[^`]*`?/],
  ["operator", /^(?::=|!=|<=|>=|\.\.|~>|\?\?|\?:|[-+*/%&=<>!?:;,.()[\]{}^|@#])/],
];

/** Splits JSONata into tokens for highlighting; never throws, unknown characters become `other`. */
export function tokenizeJsonata(source: string): Token[] {
  const tokens: Token[] = [];
  let rest = source;
  while (rest.length > 0) {
    let matched = false;
    for (const [kind, pattern] of PATTERNS) {
      const match = pattern.exec(rest);
      if (match && match[0].length > 0) {
        tokens.push({ kind, text: match[0] });
        rest = rest.slice(match[0].length);
        matched = true;
        break;
      }
    }
    if (!matched) {
      tokens.push({ kind: "other", text: rest[0]! });
      rest = rest.slice(1);
    }
  }
  return tokens;
}
