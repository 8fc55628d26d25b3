export type DiagnosticSeverity = "error" | "warning" | "info";

/**
 * One finding about a mapping document. `nodeId`/`edgeId` let the editor highlight the culprit;
 * `hint` says what to do about it.
 */
export interface Diagnostic {
  severity: DiagnosticSeverity;
  code: DiagnosticCode;
  message: string;
  hint?: string;
  nodeId?: string;
  edgeId?: string;
  /** A side field, written `a.fieldId` or `b.fieldId`. */
  field?: string;
}

export type DiagnosticCode =
  | "document-too-large"
  | "invalid-json"
  | "unknown-format"
  | "unknown-node-kind"
  | "invalid-document"
  | "duplicate-id"
  | "side-missing"
  | "dangling-edge"
  | "missing-handle"
  | "same-side-edge"
  | "input-connected-twice"
  | "input-not-connected"
  | "cycle"
  | "type-mismatch"
  | "unmapped-required-field"
  | "enum-value-unmapped"
  | "enum-value-unknown"
  | "field-written-twice"
  | "not-invertible"
  | "conflict-rule-on-one-way-field"
  | "conflicting-conflict-rules"
  | "missing-match-keys"
  | "invalid-expression"
  | "forbidden-expression-function"
  | "unused-node";

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((diagnostic) => diagnostic.severity === "error");
}

const SEVERITY_ORDER: Record<DiagnosticSeverity, number> = { error: 0, warning: 1, info: 2 };

/** Errors first, then by node, edge and code, so the editor list and golden files are stable. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const key = (d: Diagnostic) =>
    `${d.nodeId ?? ""}\u0000${d.edgeId ?? ""}\u0000${d.field ?? ""}\u0000${d.code}\u0000${d.message}`;
  return [...diagnostics].sort(
    (x, y) =>
      SEVERITY_ORDER[x.severity] - SEVERITY_ORDER[y.severity] ||
      (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0),
  );
}
