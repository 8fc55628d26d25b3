"use client";
import { compileMapping, type MappingDocumentInput } from "@tandem/mapping";
import { useEffect, useRef, useState } from "react";
import type { CompileRequest, CompileResponse } from "./compile-protocol";
import { isLargeGraph } from "./large-graph";

function compileHere(request: CompileRequest): CompileResponse {
  const started = performance.now();
  const result = compileMapping(request.document);
  return {
    seq: request.seq,
    diagnostics: result.diagnostics,
    plan: result.plan ?? null,
    compileMs: performance.now() - started,
  };
}

let sharedWorker: Worker | null = null;

/**
 * The compile worker, started once per tab. Calling this while the mapping is still loading
 * lets the worker fetch and parse its code in parallel, so the first compile is not delayed.
 */
export function compileWorker(): Worker | null {
  if (typeof Worker === "undefined") return null;
  sharedWorker ??= new Worker(new URL("./compile.worker.ts", import.meta.url), { type: "module" });
  return sharedWorker;
}

/**
 * Compiles the document on every change, debounced, in a worker. Answers to older requests
 * are dropped, so the diagnostics on screen always belong to the latest document.
 */
export function useCompiler(document: MappingDocumentInput | null): CompileResponse | null {
  const [result, setResult] = useState<CompileResponse | null>(null);
  const worker = useRef<Worker | null>(null);
  const seq = useRef(0);

  useEffect(() => {
    const shared = compileWorker();
    if (!shared) return;
    shared.onmessage = (event: MessageEvent<CompileResponse>) => {
      if (event.data.seq === seq.current) setResult(event.data);
    };
    worker.current = shared;
    return () => {
      shared.onmessage = null;
      worker.current = null;
    };
  }, []);

  useEffect(() => {
    if (!document) return;
    const timer = setTimeout(
      () => {
        const request = { seq: ++seq.current, document };
        if (worker.current) worker.current.postMessage(request);
        else setResult(compileHere(request));
      },
      seq.current === 0 || !isLargeGraph(document) ? 0 : 200,
    );
    return () => clearTimeout(timer);
  }, [document]);

  return result;
}
