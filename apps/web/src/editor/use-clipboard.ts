"use client";
import { useMemo, useRef } from "react";
import { copySelection, pasteClipboard, type GraphClipboard } from "./clipboard";
import type { EditorHistory } from "./use-editor-history";

/** Copy, paste and duplicate of the selected transforms (clipboard.ts), inside this tab. */
export function useClipboard(
  { graphRef, commit }: Pick<EditorHistory, "graphRef" | "commit">,
  say: (hint: string) => void,
) {
  const clipboard = useRef<GraphClipboard | null>(null);
  return useMemo(
    () => ({
      copy: () => {
        clipboard.current = copySelection(graphRef.current);
        say(
          clipboard.current
            ? `Copied ${clipboard.current.nodes.length} node(s).`
            : "Select transform nodes to copy.",
        );
      },
      paste: () => {
        const content = clipboard.current;
        if (content) commit((current) => pasteClipboard(current, content));
      },
      duplicate: () => {
        const content = copySelection(graphRef.current);
        if (content) commit((current) => pasteClipboard(current, content));
      },
    }),
    [graphRef, commit, say],
  );
}
