"use client";
import { useReactFlow, type Viewport, type XYPosition } from "@xyflow/react";
import { useMemo, useState } from "react";
import type { EditorGraph, FlowEdge, FlowNode, SideFlowNode } from "./flow-types";
import { isLargeGraph } from "./large-graph";
import { FIELD_ROW_HEIGHT, SIDE_HEADER_HEIGHT, SIDE_WIDTH } from "./side-layout";

/**
 * A big mapping opens at a readable zoom at its top instead of fitted into one screen, so only
 * the nodes in view are drawn; null: fit the whole mapping.
 */
function openingViewport(graph: EditorGraph): Viewport | null {
  if (!isLargeGraph(graph)) return null;
  const width = Math.max(...graph.nodes.map((node) => node.position.x)) + SIDE_WIDTH + 40;
  const canvas = typeof window === "undefined" ? 1000 : window.innerWidth - 620;
  return { x: 20, y: 20, zoom: Math.min(1, Math.max(0.3, canvas / width)) };
}

export interface EditorViewport {
  /** The view the canvas opens at; null when it fits the mapping instead. */
  initial: Viewport | null;
  fitView: () => void;
  /** Fits the view once the change just made is drawn. */
  fitViewNextFrame: () => void;
  showNode: (nodeId: string) => void;
  showField: (side: SideFlowNode, field: string) => void;
  /** The canvas position at the middle of the window. */
  centre: () => XYPosition;
  toCanvas: (screen: XYPosition) => XYPosition;
}

/** Where the canvas looks. Every function is stable. */
export function useViewport(graph: EditorGraph): EditorViewport {
  const flow = useReactFlow<FlowNode, FlowEdge>();
  const [initial] = useState(() => openingViewport(graph));
  return useMemo(
    () => ({
      initial,
      fitView: () => void flow.fitView(),
      fitViewNextFrame: () => void requestAnimationFrame(() => void flow.fitView()),
      showNode: (nodeId) =>
        void flow.fitView({ nodes: [{ id: nodeId }], duration: 250, maxZoom: 1.2 }),
      showField: (side, field) => {
        const index = side.data.fields.findIndex((f) => f.id === field);
        void flow.setCenter(
          side.position.x + SIDE_WIDTH / 2,
          side.position.y + SIDE_HEADER_HEIGHT + (index + 0.5) * FIELD_ROW_HEIGHT,
          { zoom: 1.1, duration: 250 },
        );
      },
      centre: () =>
        flow.screenToFlowPosition({ x: window.innerWidth / 2, y: window.innerHeight / 2 }),
      toCanvas: (screen) => flow.screenToFlowPosition(screen),
    }),
    [flow, initial],
  );
}
