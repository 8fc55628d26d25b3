"use client";
import type { Scalar } from "@tandem/mapping";
import { useEffect, useState, type ReactNode } from "react";

export const inputClass = "mt-0.5 block w-full rounded border border-slate-300 px-2 py-1 text-sm";

export function Field({
  label,
  children,
  hint,
}: {
  label: string;
  children: ReactNode;
  hint?: string;
}) {
  return (
    <label className="block text-sm text-slate-700">
      {label}
      {children}
      {hint ? <span className="mt-0.5 block text-xs text-slate-500">{hint}</span> : null}
    </label>
  );
}

/** A text input that reports its value when editing ends, so each edit is one undo step. */
export function CommitInput(props: {
  value: string;
  onCommit: (value: string) => void;
  label: string;
  className?: string;
  placeholder?: string;
}) {
  const [text, setText] = useState(props.value);
  useEffect(() => setText(props.value), [props.value]);
  const commit = () => {
    if (text !== props.value) props.onCommit(text);
  };
  return (
    <input
      aria-label={props.label}
      className={props.className ?? inputClass}
      value={text}
      placeholder={props.placeholder}
      onChange={(event) => setText(event.target.value)}
      onBlur={commit}
      onKeyDown={(event) => {
        if (event.key === "Enter") commit();
      }}
    />
  );
}

export type ScalarKind = "text" | "number" | "boolean" | "null";

export function scalarKindOf(value: Scalar): ScalarKind {
  if (value === null) return "null";
  return typeof value === "number" ? "number" : typeof value === "boolean" ? "boolean" : "text";
}

/** Reads what a person typed as the kind the other end expects: `true` stays text for a text field. */
export function parseScalar(text: string, kind: ScalarKind): Scalar {
  if (kind === "null") return null;
  if (kind === "boolean") return text.trim().toLowerCase() === "true";
  if (kind === "number") {
    const number = Number(text.trim());
    return Number.isFinite(number) && text.trim() !== "" ? number : text;
  }
  return text;
}

export const formatScalarInput = (value: Scalar) => (value === null ? "" : String(value));

export function ScalarInput(props: {
  value: Scalar;
  onCommit: (value: Scalar) => void;
  label: string;
}) {
  const kind = scalarKindOf(props.value);
  return (
    <div className="mt-0.5 flex gap-1">
      <select
        aria-label={`${props.label} type`}
        className="rounded border border-slate-300 px-1 text-sm"
        value={kind}
        onChange={(event) =>
          props.onCommit(
            parseScalar(formatScalarInput(props.value), event.target.value as ScalarKind),
          )
        }
      >
        <option value="text">text</option>
        <option value="number">number</option>
        <option value="boolean">true/false</option>
        <option value="null">null</option>
      </select>
      {kind === "null" ? null : kind === "boolean" ? (
        <select
          aria-label={props.label}
          className="flex-1 rounded border border-slate-300 px-1 text-sm"
          value={String(props.value)}
          onChange={(event) => props.onCommit(event.target.value === "true")}
        >
          <option value="true">true</option>
          <option value="false">false</option>
        </select>
      ) : (
        <CommitInput
          label={props.label}
          className="flex-1 rounded border border-slate-300 px-2 py-1 text-sm"
          value={formatScalarInput(props.value)}
          onCommit={(text) => props.onCommit(parseScalar(text, kind))}
        />
      )}
    </div>
  );
}

export function Select<T extends string>(props: {
  label: string;
  value: T;
  options: readonly T[];
  labels?: Partial<Record<T, string>>;
  onChange: (value: T) => void;
}) {
  return (
    <Field label={props.label}>
      <select
        className={inputClass}
        value={props.value}
        onChange={(event) => props.onChange(event.target.value as T)}
      >
        {props.value && !props.options.includes(props.value) ? (
          <option value={props.value}>{props.value}</option>
        ) : null}
        {props.options.map((option) => (
          <option key={option} value={option}>
            {props.labels?.[option] ?? option}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** How many inputs or parts a node has: 2 to 10. */
export function Arity(props: { label: string; value: number; onChange: (value: number) => void }) {
  return (
    <Field label={props.label}>
      <input
        type="number"
        min={2}
        max={10}
        className={inputClass}
        value={props.value}
        onChange={(event) => {
          const value = Number(event.target.value);
          if (Number.isInteger(value) && value >= 2 && value <= 10) props.onChange(value);
        }}
      />
    </Field>
  );
}
