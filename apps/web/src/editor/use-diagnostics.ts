"use client";
import { useMemo } from "react";
import type { CompileResponse } from "./compile-protocol";
import { EMPTY_DIAGNOSTICS, indexDiagnostics } from "./editor-context";

/** The latest compile's problems: listed, counted, and indexed by node, edge and side field. */
export function useDiagnostics(compiled: CompileResponse | null) {
  return useMemo(() => {
    const diagnostics = compiled?.diagnostics ?? [];
    return {
      diagnostics,
      index: compiled ? indexDiagnostics(diagnostics) : EMPTY_DIAGNOSTICS,
      errorCount: diagnostics.filter((d) => d.severity === "error").length,
      warningCount: diagnostics.filter((d) => d.severity === "warning").length,
    };
  }, [compiled]);
}
