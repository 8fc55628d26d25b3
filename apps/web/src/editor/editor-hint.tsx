"use client";
import { useCallback, useEffect, useState } from "react";

const SHOWN_FOR_MS = 8_000;

/** One short message at a time (a refused edge, a copy), gone after a few seconds. */
export function useEditorHint() {
  const [hint, setHint] = useState<string | null>(null);
  useEffect(() => {
    if (!hint) return;
    const timer = setTimeout(() => setHint(null), SHOWN_FOR_MS);
    return () => clearTimeout(timer);
  }, [hint]);
  const say = useCallback((message: string) => setHint(message), []);
  const dismiss = useCallback(() => setHint(null), []);
  return { hint, say, dismiss };
}

export function EditorHint(props: { hint: string | null; onDismiss: () => void }) {
  if (!props.hint) return null;
  return (
    <p
      role="status"
      className="absolute bottom-3 left-1/2 z-10 -translate-x-1/2 rounded bg-slate-900/90 px-3 py-1.5 text-sm text-white"
      data-testid="editor-hint"
    >
      {props.hint}
      <button type="button" className="ml-3 text-slate-300 underline" onClick={props.onDismiss}>
        dismiss
      </button>
    </p>
  );
}
