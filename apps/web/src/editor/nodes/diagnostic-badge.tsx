import type { Diagnostic } from "@tandem/mapping";
import { worstSeverity } from "../editor-context";

const BADGE = {
  error: "bg-rose-600 text-white",
  warning: "bg-amber-400 text-amber-950",
  info: "bg-sky-200 text-sky-900",
} as const;

export const SEVERITY_RING = {
  error: "ring-2 ring-rose-500",
  warning: "ring-2 ring-amber-400",
  info: "",
} as const;

export function DiagnosticBadge({
  diagnostics,
}: {
  diagnostics: readonly Diagnostic[] | undefined;
}) {
  const severity = worstSeverity(diagnostics);
  if (!severity || !diagnostics) return null;
  return (
    <span
      className={`ml-auto shrink-0 rounded-full px-1.5 text-[10px] font-semibold ${BADGE[severity]}`}
      title={diagnostics.map((d) => d.message).join("\n")}
      data-diagnostic-severity={severity}
      aria-label={`${diagnostics.length} ${severity === "error" ? "problem" : "warning"}${diagnostics.length === 1 ? "" : "s"}: ${diagnostics.map((d) => d.message).join("; ")}`}
    >
      {diagnostics.length}
    </span>
  );
}
