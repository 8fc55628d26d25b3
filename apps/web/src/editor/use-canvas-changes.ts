"use client";
import {
  applyEdgeChanges,
  applyNodeChanges,
  type EdgeChange,
  type NodeChange,
} from "@xyflow/react";
import { useCallback } from "react";
import type { EditorGraph, FlowEdge, FlowNode } from "./flow-types";
import type { EditorHistory } from "./use-editor-history";

/**
 * React Flow's own changes, as history: a node moved by the keyboard is an edit, selection,
 * measuring and drag frames are not. Removals arrive through `onDelete`, so a node and its edges
 * go in one undo step.
 */
export function useCanvasChanges(
  { commit, transient }: Pick<EditorHistory, "commit" | "transient">,
  isDragging: () => boolean,
) {
  const onNodesChange = useCallback(
    (changes: NodeChange<FlowNode>[]) => {
      const kept = changes.filter((change) => change.type !== "remove");
      if (kept.length === 0) return;
      const moved = kept.some((change) => change.type === "position" && !isDragging());
      const update = (current: EditorGraph) => ({
        ...current,
        nodes: applyNodeChanges(kept, current.nodes),
      });
      if (moved) commit(update);
      else transient(update);
    },
    [commit, transient, isDragging],
  );
  const onEdgesChange = useCallback(
    (changes: EdgeChange<FlowEdge>[]) => {
      const kept = changes.filter((change) => change.type !== "remove");
      if (kept.length === 0) return;
      transient((current) => ({ ...current, edges: applyEdgeChanges(kept, current.edges) }));
    },
    [transient],
  );
  const onDelete = useCallback(
    ({ nodes, edges }: { nodes: FlowNode[]; edges: FlowEdge[] }) => {
      const nodeIds = new Set(nodes.map((node) => node.id));
      const edgeIds = new Set(edges.map((edge) => edge.id));
      commit((current) => ({
        ...current,
        nodes: current.nodes.filter((node) => !nodeIds.has(node.id)),
        edges: current.edges.filter(
          (edge) => !edgeIds.has(edge.id) && !nodeIds.has(edge.source) && !nodeIds.has(edge.target),
        ),
      }));
    },
    [commit],
  );
  return { onNodesChange, onEdgesChange, onDelete };
}
