"use client";
import type { Diagnostic } from "@tandem/mapping";
import { createContext, useContext } from "react";
import type { EdgeDirection } from "./edge-direction";
import type { FlowNode } from "./flow-types";

export interface DiagnosticIndex {
  byNode: ReadonlyMap<string, Diagnostic[]>;
  byEdge: ReadonlyMap<string, Diagnostic[]>;
  /** Keyed `a.fieldId` / `b.fieldId`, as diagnostics name side fields. */
  byField: ReadonlyMap<string, Diagnostic[]>;
}

export interface EditorContextValue {
  diagnostics: DiagnosticIndex;
  edgeDirections: ReadonlyMap<string, EdgeDirection>;
  /** `a.fieldId` found by the field search, drawn highlighted until the next search. */
  highlightedField: string | null;
  updateNodeData: (id: string, update: (data: FlowNode["data"]) => FlowNode["data"]) => void;
}

export const EMPTY_DIAGNOSTICS: DiagnosticIndex = {
  byNode: new Map(),
  byEdge: new Map(),
  byField: new Map(),
};

export const EditorContext = createContext<EditorContextValue>({
  diagnostics: EMPTY_DIAGNOSTICS,
  edgeDirections: new Map(),
  highlightedField: null,
  updateNodeData: () => undefined,
});

export const useEditorContext = () => useContext(EditorContext);

function push<K>(map: Map<K, Diagnostic[]>, key: K, diagnostic: Diagnostic) {
  const list = map.get(key);
  if (list) list.push(diagnostic);
  else map.set(key, [diagnostic]);
}

export function indexDiagnostics(diagnostics: readonly Diagnostic[]): DiagnosticIndex {
  const index = {
    byNode: new Map<string, Diagnostic[]>(),
    byEdge: new Map<string, Diagnostic[]>(),
    byField: new Map<string, Diagnostic[]>(),
  };
  for (const diagnostic of diagnostics) {
    if (diagnostic.field) push(index.byField, diagnostic.field, diagnostic);
    if (diagnostic.nodeId) push(index.byNode, diagnostic.nodeId, diagnostic);
    if (diagnostic.edgeId) push(index.byEdge, diagnostic.edgeId, diagnostic);
  }
  return index;
}

export function worstSeverity(
  list: readonly Diagnostic[] | undefined,
): Diagnostic["severity"] | null {
  if (!list || list.length === 0) return null;
  if (list.some((d) => d.severity === "error")) return "error";
  if (list.some((d) => d.severity === "warning")) return "warning";
  return "info";
}
