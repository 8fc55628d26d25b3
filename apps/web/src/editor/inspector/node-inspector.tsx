"use client";
import {
  CONFLICT_STRATEGIES,
  MATCH_NORMALIZATIONS,
  MONEY_FORMATS,
  type Diagnostic,
} from "@tandem/mapping";
import type { ReactNode } from "react";
import { kindName } from "../flow-conversion";
import type { EditorGraph, FlowNode } from "../flow-types";
import { STRATEGY_PHRASES } from "../node-summary";
import { CommitInput, Field, inputClass, ScalarInput } from "./controls";
import { ExpressionEditor } from "./expression-editor";
import { PredicateEditor } from "./predicate-editor";
import { TableEditor } from "./table-editor";

export const DATE_PATTERNS = [
  "YYYY-MM-DD",
  "MM/DD/YYYY",
  "DD/MM/YYYY",
  "DD.MM.YYYY",
  "YYYY/MM/DD",
  "MM-DD-YYYY",
  "DD-MM-YYYY",
  "YYYYMMDD",
];
export const CURRENCIES = [
  "USD",
  "EUR",
  "GBP",
  "CAD",
  "AUD",
  "NZD",
  "CHF",
  "JPY",
  "SEK",
  "NOK",
  "DKK",
  "INR",
  "MXN",
  "BRL",
  "ZAR",
  "SGD",
  "HKD",
];
const MONEY_FORMAT_LABELS: Record<(typeof MONEY_FORMATS)[number], string> = {
  minor: "Minor units (integer cents: 5000000)",
  "decimal-string": 'Decimal text ("50000.00")',
  "decimal-number": "Decimal number (50000)",
  "decimal-with-code": 'Decimal with currency ("50000.00 USD")',
};

function Select<T extends string>(props: {
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

function Arity(props: { label: string; value: number; onChange: (value: number) => void }) {
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

/** The editor for one node's parameters; every change goes through `onChange` as one undo step. */
export function NodeInspector(props: {
  node: FlowNode;
  graph: EditorGraph;
  diagnostics: readonly Diagnostic[];
  onChange: (data: FlowNode["data"]) => void;
}) {
  const { node } = props;
  let body: ReactNode = null;
  switch (node.type) {
    case "side":
      body = (
        <p className="text-sm text-slate-600">
          {node.data.system} · {node.data.entity} · {node.data.fields.length} fields. Fields come
          from the connected system’s description; connect them to the other side directly or
          through transforms.
        </p>
      );
      break;
    case "enumMap":
    case "lookup":
      body = (
        <TableEditor
          nodeId={node.id}
          data={node.data}
          graph={props.graph}
          onChange={props.onChange}
        />
      );
      break;
    case "dateFormat":
      body = (
        <>
          <Select
            label="From pattern"
            value={node.data.from}
            options={DATE_PATTERNS}
            onChange={(from) => props.onChange({ ...node.data, from })}
          />
          <Select
            label="To pattern"
            value={node.data.to}
            options={DATE_PATTERNS}
            onChange={(to) => props.onChange({ ...node.data, to })}
          />
        </>
      );
      break;
    case "money":
      body = (
        <>
          <Select
            label="From format"
            value={node.data.from}
            options={MONEY_FORMATS}
            labels={MONEY_FORMAT_LABELS}
            onChange={(from) => props.onChange({ ...node.data, from })}
          />
          <Select
            label="To format"
            value={node.data.to}
            options={MONEY_FORMATS}
            labels={MONEY_FORMAT_LABELS}
            onChange={(to) => props.onChange({ ...node.data, to })}
          />
          <Select
            label="Currency"
            value={node.data.currency}
            options={CURRENCIES}
            onChange={(currency) => props.onChange({ ...node.data, currency })}
          />
        </>
      );
      break;
    case "concat":
      body = (
        <>
          <Arity
            label="Inputs"
            value={node.data.inputs}
            onChange={(inputs) => props.onChange({ ...node.data, inputs })}
          />
          <Field label="Separator">
            <CommitInput
              label="Separator"
              value={node.data.separator}
              onCommit={(separator) => props.onChange({ ...node.data, separator })}
            />
          </Field>
        </>
      );
      break;
    case "split":
      body = (
        <>
          <Arity
            label="Parts"
            value={node.data.parts}
            onChange={(parts) => props.onChange({ ...node.data, parts })}
          />
          <Field label="Separator">
            <CommitInput
              label="Separator"
              value={node.data.separator}
              onCommit={(separator) => separator && props.onChange({ ...node.data, separator })}
            />
          </Field>
        </>
      );
      break;
    case "coalesce":
      body = (
        <Arity
          label="Inputs"
          value={node.data.inputs}
          onChange={(inputs) => props.onChange({ ...node.data, inputs })}
        />
      );
      break;
    case "constant":
    case "default":
      body = (
        <Field label="Value">
          <ScalarInput
            label="Value"
            value={node.data.value}
            onCommit={(value) => props.onChange({ ...node.data, value })}
          />
        </Field>
      );
      break;
    case "condition":
    case "filter":
      body = (
        <PredicateEditor
          predicate={node.data.predicate}
          onChange={(predicate) => props.onChange({ ...node.data, predicate })}
        />
      );
      break;
    case "expression":
      body = <ExpressionEditor data={node.data} onChange={props.onChange} />;
      break;
    case "conflictRule":
      body = (
        <>
          <Select
            label="When both sides changed the connected fields"
            value={node.data.strategy}
            options={CONFLICT_STRATEGIES}
            labels={STRATEGY_PHRASES}
            onChange={(strategy) =>
              props.onChange({
                ...node.data,
                strategy,
                ...(strategy === "expression"
                  ? {
                      expression: node.data.expression ?? '$a.changedAt > $b.changedAt ? "a" : "b"',
                    }
                  : {}),
              })
            }
          />
          {node.data.strategy === "expression" ? (
            <Field label='Expression (returns "a", "b" or a value)'>
              <CommitInput
                label="Conflict expression"
                value={node.data.expression ?? ""}
                onCommit={(expression) => props.onChange({ ...node.data, expression })}
              />
            </Field>
          ) : null}
        </>
      );
      break;
    case "matchKey":
      body = (
        <>
          <Select
            label="Compare"
            value={node.data.normalize}
            options={MATCH_NORMALIZATIONS}
            onChange={(normalize) => props.onChange({ ...node.data, normalize })}
          />
          <Field label="Priority (lower is tried first)">
            <input
              type="number"
              min={0}
              max={100}
              className={inputClass}
              value={node.data.priority}
              onChange={(event) => {
                const priority = Number(event.target.value);
                if (Number.isInteger(priority) && priority >= 0 && priority <= 100)
                  props.onChange({ ...node.data, priority });
              }}
            />
          </Field>
        </>
      );
      break;
  }
  return (
    <section
      className="space-y-3"
      aria-label={`${kindName(node.type)} settings`}
      data-inspected-node={node.id}
    >
      <div className="flex items-baseline gap-2">
        <h2 className="text-sm font-semibold">{kindName(node.type)}</h2>
        <span className="font-mono text-xs text-slate-400">{node.id}</span>
      </div>
      <Field label="Label">
        <CommitInput
          label="Label"
          value={node.data.label ?? ""}
          onCommit={(label) => props.onChange({ ...node.data, label: label || undefined })}
        />
      </Field>
      {body}
      {props.diagnostics.length > 0 ? (
        <ul className="space-y-1" aria-label="Problems with this node">
          {props.diagnostics.map((diagnostic, index) => (
            <li
              key={index}
              className={`rounded p-2 text-xs ${diagnostic.severity === "error" ? "bg-rose-50 text-rose-800" : "bg-amber-50 text-amber-900"}`}
            >
              {diagnostic.message}
              {diagnostic.hint ? (
                <span className="block text-slate-600">{diagnostic.hint}</span>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
