import type { SideField } from "@tandem/mapping";
import type { EditorGraph } from "../flow-types";

export interface ConnectedField {
  side: "a" | "b";
  field: SideField;
}

function sideField(
  graph: EditorGraph,
  nodeId: string,
  handle: string | null | undefined,
): ConnectedField | null {
  const node = graph.nodes.find((candidate) => candidate.id === nodeId);
  if (node?.type !== "side") return null;
  const field = node.data.fields.find((candidate) => candidate.id === handle);
  return field ? { side: node.data.side, field } : null;
}

/** The side field whose value reaches `handle` of `nodeId`, following single-input transforms back. */
export function upstreamField(
  graph: EditorGraph,
  nodeId: string,
  handle: string,
  depth = 0,
): ConnectedField | null {
  const edge = graph.edges.find(
    (candidate) => candidate.target === nodeId && candidate.targetHandle === handle,
  );
  if (!edge || depth > 20) return null;
  return (
    sideField(graph, edge.source, edge.sourceHandle) ??
    upstreamField(graph, edge.source, "in", depth + 1)
  );
}

/** The side field the output of `nodeId` ends in, following transforms forward. */
export function downstreamField(
  graph: EditorGraph,
  nodeId: string,
  depth = 0,
): ConnectedField | null {
  if (depth > 20) return null;
  for (const edge of graph.edges.filter((candidate) => candidate.source === nodeId)) {
    const found =
      sideField(graph, edge.target, edge.targetHandle) ??
      downstreamField(graph, edge.target, depth + 1);
    if (found) return found;
  }
  return null;
}
