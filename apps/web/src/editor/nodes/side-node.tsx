"use client";
import type { FieldType } from "@tandem/hr-model";
import { Handle, Position, type NodeProps } from "@xyflow/react";
import { memo } from "react";
import { useEditorContext, worstSeverity } from "../editor-context";
import type { SideFlowNode } from "../flow-types";
import { FIELD_ROW_HEIGHT, SIDE_HEADER_HEIGHT, SIDE_WIDTH } from "../side-layout";
import { DiagnosticBadge, SEVERITY_RING } from "./diagnostic-badge";

const TYPE_BADGES: Record<FieldType, string> = {
  string: "abc",
  email: "@",
  phone: "tel",
  date: "date",
  datetime: "time",
  enum: "enum",
  integer: "123",
  number: "1.5",
  boolean: "y/n",
  money: "¢",
  decimal: "0.00",
  currency: "ccy",
  basisPoints: "bp",
  id: "id",
  reference: "ref",
};

function LockIcon() {
  return (
    <svg
      role="img"
      aria-label="sensitive"
      viewBox="0 0 16 16"
      className="h-3 w-3 shrink-0 fill-slate-500"
    >
      <title>Sensitive: kept out of logs</title>
      <path d="M4 7V5a4 4 0 1 1 8 0v2h1a1 1 0 0 1 1 1v6a1 1 0 0 1-1 1H3a1 1 0 0 1-1-1V8a1 1 0 0 1 1-1h1Zm2 0h4V5a2 2 0 1 0-4 0v2Z" />
    </svg>
  );
}

/** A side is titled by its label, else by its system and entity. */
export function sideTitle(data: SideFlowNode["data"]): string {
  return data.label ?? `${data.system} ${data.entity}`;
}

function SideNodeView({ id, data, selected }: NodeProps<SideFlowNode>) {
  const { diagnostics, highlightedField } = useEditorContext();
  const title = sideTitle(data);
  const sideLetter = data.side.toUpperCase();
  const nodeDiagnostics = diagnostics.byNode.get(id);
  const severity = worstSeverity(nodeDiagnostics);
  return (
    <div
      style={{ width: SIDE_WIDTH }}
      className={`rounded-lg border bg-white shadow-sm ${selected ? "border-sky-500" : "border-slate-300"} ${severity ? SEVERITY_RING[severity] : ""}`}
      data-side={data.side}
    >
      <div
        className="flex items-center gap-2 rounded-t-lg border-b border-slate-200 bg-slate-800 px-3 text-white"
        style={{ height: SIDE_HEADER_HEIGHT }}
      >
        <span className="rounded bg-white/20 px-1.5 text-xs font-bold">{sideLetter}</span>
        <span className="truncate text-sm font-semibold">{title}</span>
        <span className="text-xs text-slate-300">{data.entity}</span>
        <DiagnosticBadge diagnostics={nodeDiagnostics} />
      </div>
      <ul aria-label={`Fields of side ${sideLetter}`}>
        {data.fields.map((field) => {
          const key = `${data.side}.${field.id}`;
          const fieldDiagnostics = diagnostics.byField.get(key);
          const fieldHandle = (
            <Handle
              type="source"
              position={data.side === "a" ? Position.Right : Position.Left}
              id={field.id}
              aria-label={`Side ${sideLetter} ${field.id}`}
              className="!h-2.5 !w-2.5 !border-slate-500 !bg-slate-700"
            />
          );
          const enumHint = field.enumValues?.length ? `Values: ${field.enumValues.join(", ")}` : "";
          return (
            <li
              key={field.id}
              className={`relative flex items-center gap-1.5 border-b border-slate-100 px-3 text-xs ${highlightedField === key ? "bg-yellow-100" : ""}`}
              style={{ height: FIELD_ROW_HEIGHT }}
              data-field={field.id}
              title={[field.label, enumHint].filter(Boolean).join("\n") || undefined}
            >
              {data.side === "b" ? fieldHandle : null}
              <span className="truncate font-mono text-slate-800">{field.id}</span>
              {field.required ? (
                <span className="text-rose-600" aria-label="required" title="required">
                  *
                </span>
              ) : null}
              {field.sensitive ? <LockIcon /> : null}
              <DiagnosticBadge diagnostics={fieldDiagnostics} />
              <span
                className={`${fieldDiagnostics ? "" : "ml-auto"} rounded bg-slate-100 px-1 font-mono text-[10px] text-slate-600`}
                aria-label={`type ${field.type}`}
              >
                {TYPE_BADGES[field.type]}
              </span>

              {data.side === "a" ? fieldHandle : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

export const SideNode = memo(SideNodeView);
