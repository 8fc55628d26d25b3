"use client";
import { checkExpression, type NodeOfKind } from "@tandem/mapping";
import { useEffect, useMemo, useState } from "react";
import { CommitInput, Field } from "./controls";
import { tokenizeJsonata, type TokenKind } from "./jsonata-tokens";

type ExpressionData = NodeOfKind<"expression">["data"];

const COLORS: Record<TokenKind, string> = {
  string: "text-emerald-700",
  number: "text-amber-700",
  variable: "text-fuchsia-700",
  keyword: "text-sky-700 font-semibold",
  operator: "text-slate-500",
  name: "text-slate-900",
  space: "",
  other: "text-rose-700",
};

const TEXT_CLASS = "m-0 whitespace-pre-wrap break-all p-2 font-mono text-xs leading-5";

/**
 * JSONata with highlighting and the parser's own error inline: a transparent textarea over a
 * highlighted copy of its text, so typing, selection and screen readers behave as a textarea.
 */
export function ExpressionEditor(props: {
  data: ExpressionData;
  onChange: (data: ExpressionData) => void;
}) {
  const [text, setText] = useState(props.data.expression);
  useEffect(() => setText(props.data.expression), [props.data.expression]);
  const check = useMemo(() => checkExpression(text), [text]);
  const tokens = useMemo(() => tokenizeJsonata(text), [text]);
  const errorId = "expression-error";
  const commit = () => {
    if (text !== props.data.expression && text.trim() !== "")
      props.onChange({ ...props.data, expression: text });
  };
  return (
    <div className="space-y-3">
      <Field
        label="Inputs (names the expression reads)"
        hint="Comma-separated; each becomes an input handle."
      >
        <CommitInput
          label="Inputs"
          value={props.data.inputs.join(", ")}
          onCommit={(value) => {
            const inputs = value
              .split(",")
              .map((name) => name.trim())
              .filter(Boolean);
            if (inputs.length > 0) props.onChange({ ...props.data, inputs });
          }}
        />
      </Field>
      <div className="text-sm text-slate-700">
        <span id="expression-label">Expression (JSONata)</span>
        <div className="relative mt-0.5 rounded border border-slate-300 bg-white focus-within:ring-2 focus-within:ring-sky-400">
          <pre aria-hidden="true" className={TEXT_CLASS}>
            {tokens.map((token, index) => (
              <span key={index} className={COLORS[token.kind]}>
                {token.text}
              </span>
            ))}
            {"\n"}
          </pre>
          <textarea
            aria-labelledby="expression-label"
            aria-invalid={!check.ok}
            aria-describedby={check.ok ? undefined : errorId}
            spellCheck={false}
            className={`${TEXT_CLASS} absolute inset-0 h-full w-full resize-none bg-transparent text-transparent caret-slate-900 outline-none`}
            value={text}
            onChange={(event) => setText(event.target.value)}
            onBlur={commit}
          />
        </div>
        {check.ok ? (
          <p className="mt-1 text-xs text-emerald-700">
            Valid JSONata. $now, $millis, $random and $eval are not allowed.
          </p>
        ) : (
          <p
            id={errorId}
            role="alert"
            className="mt-1 text-xs text-rose-700"
            data-testid="expression-error"
          >
            {check.problem === "forbidden" ? "Not allowed: " : "Syntax error: "}
            {check.message}
            {check.position !== undefined ? ` (at character ${check.position})` : ""}
          </p>
        )}
      </div>
    </div>
  );
}
