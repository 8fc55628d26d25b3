"use client";
import { useCallback, useReducer, useRef, type RefObject } from "react";
import { historyReducer } from "./editor-history";
import type { EditorGraph } from "./flow-types";

export type GraphUpdate = (graph: EditorGraph) => EditorGraph;

export interface EditorHistory {
  graph: EditorGraph;
  /** The latest graph, for callbacks that stay stable across renders (a drag renders every frame). */
  graphRef: RefObject<EditorGraph>;
  canUndo: boolean;
  canRedo: boolean;
  /** An edit: one undo step. */
  commit: (update: GraphUpdate) => void;
  /** Not an edit on its own: selection, measuring, a drag in progress. */
  transient: (update: GraphUpdate) => void;
  /** Ends a gesture that ran as transient changes: the graph from before it becomes one undo step. */
  checkpoint: (before: EditorGraph) => void;
  undo: () => void;
  redo: () => void;
  /** Starts the history afresh from `graph` (a document the server now holds). */
  reset: (graph: EditorGraph) => void;
}

/** The graph on screen with its undo history (editor-history.ts); every callback is stable. */
export function useEditorHistory(initial: () => EditorGraph): EditorHistory {
  const [history, dispatch] = useReducer(historyReducer, undefined, () => ({
    past: [],
    present: initial(),
    future: [],
  }));
  const graphRef = useRef(history.present);
  graphRef.current = history.present;
  const commit = useCallback((update: GraphUpdate) => dispatch({ type: "commit", update }), []);
  const transient = useCallback(
    (update: GraphUpdate) => dispatch({ type: "transient", update }),
    [],
  );
  const checkpoint = useCallback(
    (before: EditorGraph) => dispatch({ type: "checkpoint", before }),
    [],
  );
  const undo = useCallback(() => dispatch({ type: "undo" }), []);
  const redo = useCallback(() => dispatch({ type: "redo" }), []);
  const reset = useCallback((graph: EditorGraph) => dispatch({ type: "reset", graph }), []);
  return {
    graph: history.present,
    graphRef,
    canUndo: history.past.length > 0,
    canRedo: history.future.length > 0,
    commit,
    transient,
    checkpoint,
    undo,
    redo,
    reset,
  };
}
