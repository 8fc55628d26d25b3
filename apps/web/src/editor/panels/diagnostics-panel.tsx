"use client";
import type { Diagnostic } from "@tandem/mapping";

const TONE = {
  error: "border-rose-300 bg-rose-50",
  warning: "border-amber-300 bg-amber-50",
  info: "border-sky-200 bg-sky-50",
} as const;

export function DiagnosticsPanel(props: {
  diagnostics: readonly Diagnostic[];
  compileMs: number | null;
  onFocus: (diagnostic: Diagnostic) => void;
}) {
  const focus = props.onFocus;
  return (
    <div className="space-y-2">
      <p className="text-xs text-slate-500">
        The compiler runs on every change
        {props.compileMs !== null ? ` (last run ${props.compileMs.toFixed(1)} ms)` : ""}. Click a
        problem to show where it is.
      </p>
      {props.diagnostics.length === 0 ? (
        <p
          className="rounded border border-emerald-300 bg-emerald-50 p-2 text-sm text-emerald-800"
          data-testid="no-problems"
        >
          No problems: this mapping compiles.
        </p>
      ) : (
        <ul className="space-y-2" aria-label="Problems">
          {props.diagnostics.map((diagnostic, index) => (
            <li
              key={`${diagnostic.code}-${diagnostic.nodeId ?? ""}-${diagnostic.edgeId ?? ""}-${diagnostic.field ?? ""}-${index}`}
            >
              <button
                type="button"
                className={`w-full rounded border p-2 text-left text-sm ${TONE[diagnostic.severity]}`}
                onClick={() => focus(diagnostic)}
                data-diagnostic-code={diagnostic.code}
              >
                <span className="block font-medium">{diagnostic.message}</span>
                {diagnostic.hint ? (
                  <span className="mt-0.5 block text-xs text-slate-600">{diagnostic.hint}</span>
                ) : null}
                <span className="mt-0.5 block font-mono text-[10px] text-slate-500">
                  {diagnostic.severity} · {diagnostic.code}
                  {diagnostic.nodeId ? ` · node ${diagnostic.nodeId}` : ""}
                  {diagnostic.field ? ` · ${diagnostic.field}` : ""}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
