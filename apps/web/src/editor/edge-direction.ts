import type { FlowEdge, FlowNode } from "./flow-types";

/** Which way values travel along an edge once the compiler derives reverses. */
export type EdgeDirection = "aToB" | "bToA" | "both" | "rule";

const merge = (x: EdgeDirection | undefined, y: EdgeDirection): EdgeDirection =>
  x === undefined || x === y ? y : x === "rule" ? y : y === "rule" ? x : "both";

/**
 * A flow ends in a side field: into side B it runs A→B, and back too unless marked one-way.
 * Every edge of a flow takes the direction of the side edges downstream of it; edges into
 * conflict rules, match keys and filters carry no values and are drawn as rules.
 */
export function edgeDirections(
  nodesById: ReadonlyMap<string, FlowNode>,
  edges: readonly FlowEdge[],
): Map<string, EdgeDirection> {
  const bySource = new Map<string, FlowEdge[]>();
  for (const edge of edges) bySource.set(edge.source, [...(bySource.get(edge.source) ?? []), edge]);
  const memo = new Map<string, EdgeDirection>();
  const visiting = new Set<string>();

  const directionOf = (edge: FlowEdge): EdgeDirection => {
    const known = memo.get(edge.id);
    if (known) return known;
    const target = nodesById.get(edge.target);
    let direction: EdgeDirection = "rule";
    if (target?.type === "side") {
      const towards = target.data.side === "b" ? "aToB" : "bToA";
      direction = edge.data?.oneWay ? towards : "both";
    } else if (target && !visiting.has(edge.id)) {
      visiting.add(edge.id);
      let merged: EdgeDirection | undefined;
      for (const next of bySource.get(target.id) ?? []) merged = merge(merged, directionOf(next));
      visiting.delete(edge.id);
      direction = merged ?? "rule";
    }
    memo.set(edge.id, direction);
    return direction;
  };
  for (const edge of edges) directionOf(edge);
  return memo;
}
