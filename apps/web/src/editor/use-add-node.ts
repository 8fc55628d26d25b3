"use client";
import type { XYPosition } from "@xyflow/react";
import { useCallback, type DragEvent } from "react";
import type { TransformKind } from "./node-kinds";
import { createNode } from "./node-defaults";
import { PALETTE_DRAG_TYPE } from "./panels/palette";
import type { EditorHistory } from "./use-editor-history";
import type { EditorViewport } from "./use-viewport";

/**
 * Nodes from the palette: a click adds one in the middle of the view, a drop where it is
 * released. The new node is the only one selected, and one undo step.
 */
export function useAddNode(
  { commit }: Pick<EditorHistory, "commit">,
  viewport: EditorViewport,
  inspect: () => void,
) {
  const addNode = useCallback(
    (kind: TransformKind, position?: XYPosition) => {
      const where = position ?? viewport.centre();
      commit((current) => {
        const node = createNode(kind, where, new Set(current.nodes.map((n) => n.id)));
        return {
          ...current,
          nodes: [...current.nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), node],
        };
      });
      inspect();
    },
    [commit, viewport, inspect],
  );
  const onDrop = useCallback(
    (event: DragEvent) => {
      const kind = event.dataTransfer.getData(PALETTE_DRAG_TYPE);
      if (!kind) return;
      event.preventDefault();
      addNode(kind as TransformKind, viewport.toCanvas({ x: event.clientX, y: event.clientY }));
    },
    [addNode, viewport],
  );
  return { addNode, onDrop };
}
