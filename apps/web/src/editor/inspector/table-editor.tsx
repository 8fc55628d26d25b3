"use client";
import type { NodeOfKind, Scalar } from "@tandem/mapping";
import { fieldKind } from "@tandem/mapping";
import { useState } from "react";
import type { EditorGraph } from "../flow-types";
import { formatScalar } from "../phrases";
import {
  CommitInput,
  Field,
  inputClass,
  parseScalar,
  ScalarInput,
  type ScalarKind,
} from "./controls";
import { parseDelimited } from "./csv";
import { downstreamField, upstreamField } from "./graph-fields";

type TableData = NodeOfKind<"enumMap">["data"];
type Entry = TableData["entries"][number];

function kindOfField(
  type: Parameters<typeof fieldKind>[0] | undefined,
  fallback: Scalar | undefined,
): ScalarKind {
  if (type) {
    const kind = fieldKind(type);
    return kind === "number" ? "number" : kind === "boolean" ? "boolean" : "text";
  }
  return typeof fallback === "number"
    ? "number"
    : typeof fallback === "boolean"
      ? "boolean"
      : "text";
}

/** Enum maps and lookup tables: an editable two-column table, CSV paste, and unmapped values. */
export function TableEditor(props: {
  nodeId: string;
  data: TableData;
  graph: EditorGraph;
  onChange: (data: TableData) => void;
}) {
  const { data } = props;
  const source = upstreamField(props.graph, props.nodeId, "in");
  const target = downstreamField(props.graph, props.nodeId);
  const fromKind = kindOfField(source?.field.type, data.entries[0]?.from);
  const toKind = kindOfField(target?.field.type, data.entries[0]?.to);
  const [csv, setCsv] = useState("");
  const [csvError, setCsvError] = useState<string | null>(null);
  const mapped = new Set(data.entries.map((entry) => formatScalar(entry.from)));
  const unmapped = (source?.field.enumValues ?? []).filter(
    (value) => !mapped.has(formatScalar(value)),
  );
  const targetValues = target?.field.enumValues ?? [];
  const setEntries = (entries: Entry[]) => props.onChange({ ...data, entries });
  const setEntry = (index: number, patch: Partial<Entry>) =>
    setEntries(data.entries.map((entry, i) => (i === index ? { ...entry, ...patch } : entry)));

  return (
    <div className="space-y-3">
      <p className="text-xs text-slate-500">
        {source
          ? `From ${source.side.toUpperCase()}.${source.field.id}`
          : "Connect an input to see its values"}
        {target ? ` to ${target.side.toUpperCase()}.${target.field.id}` : ""}.
      </p>
      <table className="w-full text-sm" aria-label="Value table">
        <thead>
          <tr className="text-left text-xs text-slate-500">
            <th className="font-normal">From</th>
            <th className="font-normal">To</th>
            <th className="font-normal" title="Also used for the way back">
              Back
            </th>
            <th />
          </tr>
        </thead>
        <tbody>
          {data.entries.map((entry, index) => (
            <tr key={index}>
              <td className="pr-1">
                <CommitInput
                  label={`From value ${index + 1}`}
                  value={entry.from === null ? "" : String(entry.from)}
                  onCommit={(text) => setEntry(index, { from: parseScalar(text, fromKind) })}
                />
              </td>
              <td className="pr-1">
                {targetValues.length > 0 ? (
                  <select
                    aria-label={`To value ${index + 1}`}
                    className={inputClass}
                    value={String(entry.to)}
                    onChange={(event) =>
                      setEntry(index, { to: parseScalar(event.target.value, toKind) })
                    }
                  >
                    {targetValues.includes(String(entry.to)) ? null : (
                      <option value={String(entry.to)}>{String(entry.to)}</option>
                    )}
                    {targetValues.map((value) => (
                      <option key={value} value={value}>
                        {value}
                      </option>
                    ))}
                  </select>
                ) : (
                  <CommitInput
                    label={`To value ${index + 1}`}
                    value={entry.to === null ? "" : String(entry.to)}
                    onCommit={(text) => setEntry(index, { to: parseScalar(text, toKind) })}
                  />
                )}
              </td>
              <td className="text-center">
                <input
                  type="checkbox"
                  aria-label={`Use row ${index + 1} on the way back`}
                  checked={entry.reverse}
                  onChange={(event) => setEntry(index, { reverse: event.target.checked })}
                />
              </td>
              <td>
                <button
                  type="button"
                  aria-label={`Remove row ${index + 1}`}
                  className="px-1 text-slate-500 hover:text-rose-700"
                  onClick={() => setEntries(data.entries.filter((_, i) => i !== index))}
                >
                  ✕
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button
        type="button"
        className="rounded border border-slate-300 px-2 py-1 text-sm"
        onClick={() =>
          setEntries([
            ...data.entries,
            { from: parseScalar("", fromKind), to: parseScalar("", toKind), reverse: true },
          ])
        }
      >
        Add row
      </button>
      {unmapped.length > 0 ? (
        <div
          role="alert"
          className="rounded border border-amber-300 bg-amber-50 p-2 text-sm"
          data-testid="unmapped-values"
        >
          <p className="font-medium text-amber-900">
            {unmapped.length} value{unmapped.length === 1 ? "" : "s"} of {source?.field.id} not
            mapped:
          </p>
          <div className="mt-1 flex flex-wrap gap-1">
            {unmapped.map((value) => (
              <button
                key={value}
                type="button"
                className="rounded bg-white px-1.5 py-0.5 text-xs ring-1 ring-amber-300"
                onClick={() =>
                  setEntries([
                    ...data.entries,
                    { from: value, to: parseScalar("", toKind), reverse: true },
                  ])
                }
                aria-label={`Add a row for ${value}`}
              >
                + {value}
              </button>
            ))}
          </div>
        </div>
      ) : null}
      <Field label="Values not in the table">
        <select
          className={inputClass}
          value={data.unmapped.action}
          onChange={(event) => {
            const action = event.target.value as TableData["unmapped"]["action"];
            props.onChange({
              ...data,
              unmapped:
                action === "value" ? { action, value: parseScalar("", toKind) } : { action },
            });
          }}
        >
          <option value="skip">Skip the field (leave the target unchanged)</option>
          <option value="passthrough">Pass the value through unchanged</option>
          <option value="value">Write a fixed value</option>
        </select>
      </Field>
      {data.unmapped.action === "value" ? (
        <Field label="Fixed value">
          <ScalarInput
            label="Fixed value"
            value={data.unmapped.value}
            onCommit={(value) => props.onChange({ ...data, unmapped: { action: "value", value } })}
          />
        </Field>
      ) : null}
      <Field label="Paste rows from CSV (from,to per line)">
        <textarea
          className={`${inputClass} h-20 font-mono text-xs`}
          value={csv}
          onChange={(event) => setCsv(event.target.value)}
          placeholder={"Full-Time,full_time\nPart-Time,part_time_twenty_plus_hours"}
        />
      </Field>
      {csvError ? (
        <p role="alert" className="text-sm text-rose-700">
          {csvError}
        </p>
      ) : null}
      <button
        type="button"
        className="rounded border border-slate-300 px-2 py-1 text-sm"
        onClick={() => {
          const rows = parseDelimited(csv);
          const bad = rows.findIndex((row) => row.length < 2);
          if (rows.length === 0 || bad >= 0) {
            setCsvError(
              rows.length === 0
                ? "Nothing to import."
                : `Line ${bad + 1} needs two cells: from and to.`,
            );
            return;
          }
          const start = rows[0]?.[0]?.toLowerCase() === "from" ? 1 : 0;
          setEntries([
            ...data.entries,
            ...rows.slice(start).map(([from = "", to = ""]) => ({
              from: parseScalar(from, fromKind),
              to: parseScalar(to, toKind),
              reverse: true,
            })),
          ]);
          setCsv("");
          setCsvError(null);
        }}
      >
        Import rows
      </button>
    </div>
  );
}
