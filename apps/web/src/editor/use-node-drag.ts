"use client";
import { useCallback, useRef } from "react";
import type { EditorGraph } from "./flow-types";
import type { EditorHistory } from "./use-editor-history";

/**
 * A node drag runs as transient changes and becomes one undo step when it ends. While it runs,
 * the side panels keep the graph from before it: a drag re-renders the canvas and nothing else.
 */
export function useNodeDrag({
  graph,
  graphRef,
  checkpoint,
}: Pick<EditorHistory, "graph" | "graphRef" | "checkpoint">) {
  const before = useRef<EditorGraph | null>(null);
  const panelGraph = useRef(graph);
  if (!before.current) panelGraph.current = graph;
  const isDragging = useCallback(() => before.current !== null, []);
  const onNodeDragStart = useCallback(() => {
    before.current = graphRef.current;
  }, [graphRef]);
  const onNodeDragStop = useCallback(() => {
    const start = before.current;
    before.current = null;
    if (start) checkpoint(start);
  }, [checkpoint]);
  return { panelGraph: panelGraph.current, isDragging, onNodeDragStart, onNodeDragStop };
}
