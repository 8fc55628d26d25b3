"use client";
import { useMemo } from "react";
import { edgeDirections, sidesOf, type EdgeDirection } from "./edge-direction";
import type { EditorGraph } from "./flow-types";

/** Each edge's direction (edge-direction.ts), recomputed when edges or side ids change, not when a node moves. */
export function useEdgeDirections(graph: EditorGraph): ReadonlyMap<string, EdgeDirection> {
  // Keyed on which nodes are sides, not on the node objects, which change on every drag frame.
  const sidesKey = graph.nodes
    .flatMap((node) => (node.type === "side" ? [`${node.id}:${node.data.side}`] : []))
    .join(",");
  const sideOf = useMemo(() => sidesOf(graph.nodes), [sidesKey]);
  return useMemo(() => edgeDirections(sideOf, graph.edges), [sideOf, graph.edges]);
}
