import type { Diagnostic, SyncPlan } from "@tandem/mapping";

export interface CompileRequest {
  seq: number;
  document: unknown;
}

export interface CompileResponse {
  seq: number;
  diagnostics: Diagnostic[];
  plan: SyncPlan | null;
  compileMs: number;
}
