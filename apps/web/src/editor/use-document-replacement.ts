"use client";
import type { MappingDocument } from "@tandem/mapping";
import { useCallback } from "react";
import { documentToGraph, graphToDocument } from "./flow-conversion";
import type { EditorHistory } from "./use-editor-history";

/**
 * Whole documents from the Versions panel: an imported file is one undo step; a version the
 * server now holds as the draft (a rollback) starts the history afresh at that revision.
 */
export function useDocumentReplacement(
  { commit, reset }: Pick<EditorHistory, "commit" | "reset">,
  fitViewNextFrame: () => void,
  adoptSaved: (revision: number, text: string) => void,
) {
  const importDocument = useCallback(
    (next: MappingDocument) => {
      const nextGraph = documentToGraph(next);
      commit(() => nextGraph);
      fitViewNextFrame();
    },
    [commit, fitViewNextFrame],
  );
  const adoptServerDocument = useCallback(
    (next: MappingDocument, revision: number) => {
      const nextGraph = documentToGraph(next);
      adoptSaved(revision, JSON.stringify(graphToDocument(nextGraph)));
      reset(nextGraph);
    },
    [reset, adoptSaved],
  );
  return { importDocument, adoptServerDocument };
}
