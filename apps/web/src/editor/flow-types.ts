import type { Edge, Node } from "@xyflow/react";
import type { MappingDocument, NodeKind, NodeOfKind } from "@tandem/mapping";

/** A React Flow node of one mapping node kind: `type` and `data` are the document's own. */
export type FlowNodeOfKind<K extends NodeKind> = Node<NodeOfKind<K>["data"], K>;
export type FlowNode = { [K in NodeKind]: FlowNodeOfKind<K> }[NodeKind];
export type SideFlowNode = FlowNodeOfKind<"side">;

export interface FlowEdgeData extends Record<string, unknown> {
  oneWay: boolean;
  label?: string;
}
export type FlowEdge = Edge<FlowEdgeData, "mapping">;

/** Everything in a document that is not the graph. */
export type DocumentMeta = Omit<MappingDocument, "nodes" | "edges">;

export interface EditorGraph {
  meta: DocumentMeta;
  nodes: FlowNode[];
  edges: FlowEdge[];
}

export function isSideNode(node: FlowNode | undefined): node is SideFlowNode {
  return node?.type === "side";
}
