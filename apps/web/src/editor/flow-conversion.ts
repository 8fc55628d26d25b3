import type { MappingDocument, MappingDocumentInput, MappingNode } from "@tandem/mapping";
import type { EditorGraph, FlowEdge, FlowNode } from "./flow-types";
import { nodeAccessibleName } from "./node-kinds";
import { nodeGeometry } from "./side-layout";

/** Size and handle positions known before rendering (see side-layout.ts). */
export function precomputedGeometry(node: Pick<MappingNode, "type" | "data">) {
  const { width, height, handles } = nodeGeometry(node);
  return { initialWidth: width, initialHeight: height, handles };
}

/** The node with new parameters, and the handles those parameters give it. */
export function withData(node: FlowNode, data: FlowNode["data"]): FlowNode {
  const next = { type: node.type, data } as Pick<FlowNode, "type" | "data">;
  return {
    ...node,
    data,
    ariaLabel: nodeAccessibleName(next),
    ...precomputedGeometry(next),
  } as FlowNode;
}

/** Turns a parsed document into what the canvas draws. Side nodes cannot be deleted. */
export function documentToGraph(document: MappingDocument): EditorGraph {
  const { nodes, edges, ...meta } = document;
  return {
    meta,
    nodes: nodes.map(
      (node) =>
        ({
          id: node.id,
          type: node.type,
          position: { ...node.position },
          data: node.data,
          deletable: node.type !== "side",
          ariaLabel: nodeAccessibleName(node),
          ...precomputedGeometry(node),
        }) as FlowNode,
    ),
    edges: edges.map((edge): FlowEdge => ({
      id: edge.id,
      type: "mapping",
      source: edge.source,
      sourceHandle: edge.sourceHandle,
      target: edge.target,
      targetHandle: edge.targetHandle,
      data: { oneWay: edge.data.oneWay, ...(edge.data.label ? { label: edge.data.label } : {}) },
    })),
  };
}

/** The document the canvas stands for: positions rounded, React Flow's own state dropped. */
export function graphToDocument(graph: EditorGraph): MappingDocumentInput {
  return {
    ...graph.meta,
    nodes: graph.nodes.map(
      (node) =>
        ({
          id: node.id,
          type: node.type,
          position: { x: Math.round(node.position.x), y: Math.round(node.position.y) },
          data: node.data,
        }) as MappingDocumentInput["nodes"][number],
    ),
    edges: graph.edges.map((edge) => ({
      id: edge.id,
      source: edge.source,
      sourceHandle: edge.sourceHandle ?? "",
      target: edge.target,
      targetHandle: edge.targetHandle ?? "",
      data: {
        oneWay: edge.data?.oneWay ?? false,
        ...(edge.data?.label ? { label: edge.data.label } : {}),
      },
    })),
  };
}
