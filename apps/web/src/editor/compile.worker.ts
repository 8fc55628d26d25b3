import { compileMapping } from "@tandem/mapping";
import type { CompileRequest, CompileResponse } from "./compile-protocol";

// Compiling a 500-field graph takes tens of milliseconds: off the main thread, the canvas
// keeps drawing while the operator edits.
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<CompileRequest>) => void) | null;
  postMessage(message: CompileResponse): void;
};

scope.onmessage = (event) => {
  const started = performance.now();
  const result = compileMapping(event.data.document);
  scope.postMessage({
    seq: event.data.seq,
    diagnostics: result.diagnostics,
    plan: result.plan ?? null,
    compileMs: performance.now() - started,
  });
};
