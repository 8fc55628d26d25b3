import type { SideName } from "@tandem/mapping";
import type { FlowEdge, FlowNode } from "./flow-types";
import { groupBy } from "./group-by";

/** Which way values travel along an edge once the compiler derives reverses. */
export type EdgeDirection = "aToB" | "bToA" | "both" | "rule";

const merge = (x: EdgeDirection | undefined, y: EdgeDirection): EdgeDirection =>
  x === undefined || x === y ? y : x === "rule" ? y : y === "rule" ? x : "both";

/** The side each side node stands for; every other node is a transform or a rule. */
export function sidesOf(nodes: readonly FlowNode[]): Map<string, SideName> {
  const sides = new Map<string, SideName>();
  for (const node of nodes) if (node.type === "side") sides.set(node.id, node.data.side);
  return sides;
}

/**
 * A flow ends in a side field: into side B it runs A→B, and back too unless marked one-way.
 * Every edge of a flow takes the direction of the side edges downstream of it; edges into
 * conflict rules, match keys and filters carry no values and are drawn as rules. Depends on
 * the edges and which nodes are sides only, so moving nodes never recomputes it.
 */
export function edgeDirections(
  sideOf: ReadonlyMap<string, SideName>,
  edges: readonly FlowEdge[],
): Map<string, EdgeDirection> {
  const bySource = groupBy(edges, (edge) => edge.source);
  const memo = new Map<string, EdgeDirection>();
  const visiting = new Set<string>();

  const directionOf = (edge: FlowEdge): EdgeDirection => {
    const known = memo.get(edge.id);
    if (known) return known;
    const targetSide = sideOf.get(edge.target);
    let direction: EdgeDirection = "rule";
    if (targetSide) {
      const towards = targetSide === "b" ? "aToB" : "bToA";
      direction = edge.data?.oneWay ? towards : "both";
    } else if (!visiting.has(edge.id)) {
      visiting.add(edge.id);
      let merged: EdgeDirection | undefined;
      for (const next of bySource.get(edge.target) ?? []) merged = merge(merged, directionOf(next));
      visiting.delete(edge.id);
      direction = merged ?? "rule";
    }
    memo.set(edge.id, direction);
    return direction;
  };
  for (const edge of edges) directionOf(edge);
  return memo;
}
