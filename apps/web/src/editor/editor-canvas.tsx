"use client";
import {
  Background,
  ConnectionMode,
  Controls,
  MiniMap,
  ReactFlow,
  type ReactFlowProps,
  type Viewport,
} from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import type { DragEvent, ReactNode } from "react";
import { ConnectionHint } from "./connection-hint";
import type { EditorGraph, FlowEdge, FlowNode } from "./flow-types";
import { EdgeMarkers, MappingEdge } from "./mapping-edge";
import { NODE_TYPES } from "./node-kinds";

const EDGE_TYPES = { mapping: MappingEdge };
const DELETE_KEYS = ["Delete", "Backspace"];
const MULTI_SELECTION_KEYS = ["Meta", "Control"];
const PRO_OPTIONS = { hideAttribution: true };
const ARIA_LABELS = {
  "node.a11yDescription.default":
    "Press Enter to select this node, arrow keys to move it, Delete to remove it, C to connect from it.",
};

type CanvasHandlers = Required<
  Pick<
    ReactFlowProps<FlowNode, FlowEdge>,
    | "onNodesChange"
    | "onEdgesChange"
    | "onDelete"
    | "onConnect"
    | "onConnectEnd"
    | "isValidConnection"
    | "onNodeDragStart"
    | "onNodeDragStop"
    | "onSelectionChange"
  >
>;

/**
 * React Flow as the editor sets it up: loose connections (a side field's one handle works both
 * ways), keyboard deletion and selection, big mappings drawn only where visible, and palette
 * entries dropped onto it. `children` are drawn over it.
 */
export function EditorCanvas({
  graph,
  initialViewport,
  onDrop,
  children,
  ...handlers
}: CanvasHandlers & {
  graph: EditorGraph;
  /** Null: fit the mapping into view. */
  initialViewport: Viewport | null;
  onDrop: (event: DragEvent) => void;
  children?: ReactNode;
}) {
  return (
    <div className="relative min-h-0 flex-1" onDragOver={(e) => e.preventDefault()} onDrop={onDrop}>
      <EdgeMarkers />
      <ReactFlow<FlowNode, FlowEdge>
        nodes={graph.nodes}
        edges={graph.edges}
        nodeTypes={NODE_TYPES}
        edgeTypes={EDGE_TYPES}
        {...handlers}
        connectionMode={ConnectionMode.Loose}
        deleteKeyCode={DELETE_KEYS}
        multiSelectionKeyCode={MULTI_SELECTION_KEYS}
        selectionKeyCode="Shift"
        minZoom={0.05}
        fitView={!initialViewport}
        {...(initialViewport ? { defaultViewport: initialViewport } : {})}
        onlyRenderVisibleElements
        proOptions={PRO_OPTIONS}
        ariaLabelConfig={ARIA_LABELS}
      >
        <Background gap={24} />
        <Controls showInteractive={false} />
        <MiniMap pannable zoomable ariaLabel="Minimap" />
        <ConnectionHint nodes={graph.nodes} edges={graph.edges} />
      </ReactFlow>
      {children}
    </div>
  );
}
