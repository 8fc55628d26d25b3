import type { Diagnostic } from "./diagnostic";
import type { MappingEdge, MappingNode, SideName } from "./document-schema";
import { compileFlow, type FlowCompilation, type FlowCompilerContext } from "./compile-flow";
import type { DrawnFlow } from "./drawn-flows";
import { invertNode, mirrorHandle } from "./invert-node";
import {
  describeNode,
  indexMappingGraph,
  otherSide,
  sideFieldIndex,
  type MappingGraph,
} from "./mapping-graph";

const sideLabel = (side: SideName) => side.toUpperCase();

/**
 * Derives the reverse of the two-way flows drawn from `sourceSide`: the flows are reversed edge
 * by edge, each node replaced by its inverse, and the result compiled like a drawn graph. Only
 * the fields in `needed` (read by a two-way flow, written by no drawn reverse) are compiled.
 */
export function deriveReverseFlows(
  graph: MappingGraph,
  sourceSide: SideName,
  drawn: ReadonlyMap<string, DrawnFlow>,
  needed: readonly string[],
  diagnostics: Diagnostic[],
): Map<string, FlowCompilation> {
  const derived = new Map<string, FlowCompilation>();
  if (needed.length === 0) return derived;
  const twoWay = [...drawn.values()].filter((flow) => flow.twoWay);
  const edges = new Map<string, MappingEdge>();
  for (const flow of twoWay) for (const edge of flow.compilation.edges) edges.set(edge.id, edge);

  const blocked = new Map<string, string>();
  const reversedNodes = new Map<string, MappingNode>([
    [graph.sides.a.id, graph.sides.a],
    [graph.sides.b.id, graph.sides.b],
  ]);
  const reversedEdges: MappingEdge[] = [];
  const nodeOf = (id: string) => graph.nodes.get(id);
  for (const edge of edges.values()) {
    const source = nodeOf(edge.source);
    const target = nodeOf(edge.target);
    if (!source || !target) continue;
    for (const node of [source, target]) {
      if (node.type === "side" || reversedNodes.has(node.id) || blocked.has(node.id)) continue;
      const inverse = invertNode(node);
      if (inverse.ok) reversedNodes.set(node.id, inverse.node);
      else blocked.set(node.id, inverse.reason);
    }
    reversedEdges.push({
      ...edge,
      source: edge.target,
      sourceHandle: mirrorHandle(target, edge.targetHandle),
      target: edge.source,
      targetHandle: mirrorHandle(source, edge.sourceHandle),
    });
  }
  for (const [id] of blocked) {
    const original = nodeOf(id);
    if (original) reversedNodes.set(id, original);
  }
  const reversed = indexMappingGraph(
    graph.document,
    [...reversedNodes.values()],
    reversedEdges,
    graph.sides,
  );

  const readersOf = new Map<string, string[]>();
  for (const flow of twoWay) {
    for (const read of flow.compilation.reads) {
      const readers = readersOf.get(read) ?? [];
      readers.push(`${sideLabel(otherSide(sourceSide))}.${flow.field.id}`);
      readersOf.set(read, readers);
    }
  }
  const sourceNode = graph.sides[sourceSide];
  const original = (node: MappingNode) => nodeOf(node.id) ?? node;

  // One context for every derived flow; its callbacks learn the field from the flow's name.
  const fieldOf = (fieldName: string) => fieldName.slice(fieldName.indexOf(".") + 1);
  const readersText = (fieldName: string, separator: string) =>
    (readersOf.get(fieldOf(fieldName)) ?? []).join(separator);
  const oneWayHint = (fieldName: string) =>
    `Draw the flow from ${sideLabel(otherSide(sourceSide))} into ${fieldName} yourself, or mark the edge into ${readersText(fieldName, " / ")} one-way.`;
  const context: FlowCompilerContext = {
    graph: reversed,
    sourceSide: otherSide(sourceSide),
    diagnostics,
    blockedNode: (node, fieldName) => {
      const reason = blocked.get(node.id);
      if (reason === undefined) return undefined;
      return {
        severity: "error",
        code: "not-invertible",
        nodeId: node.id,
        field: `${sourceSide}.${fieldOf(fieldName)}`,
        message: `${fieldName} is two-way, but ${describeNode(node)} on its way to ${readersText(fieldName, ", ")} cannot be inverted: ${reason}`,
        hint: oneWayHint(fieldName),
      };
    },
    badInput: (node, handle, incoming, fieldName) => ({
      severity: "error",
      code: "not-invertible",
      nodeId: node.id,
      field: `${sourceSide}.${fieldOf(fieldName)}`,
      message:
        incoming.length === 0
          ? `${fieldName} is two-way, but output "${mirrorHandle(node, handle)}" of ${describeNode(original(node))} is not mapped, so ${fieldName} cannot be rebuilt`
          : `${fieldName} is two-way, but ${describeNode(original(node))} feeds several fields, so its reverse would receive several values`,
      hint: oneWayHint(fieldName),
    }),
  };

  for (const fieldId of needed) {
    const field = sideFieldIndex(sourceNode).get(fieldId);
    if (!field) continue;
    const writers = reversed.incoming(sourceNode.id, fieldId);
    const [terminalEdge] = writers;
    if (writers.length !== 1 || !terminalEdge) {
      const fieldName = `${sideLabel(sourceSide)}.${fieldId}`;
      const readers = readersOf.get(fieldId) ?? [];
      diagnostics.push({
        severity: "error",
        code: "field-written-twice",
        field: `${sourceSide}.${fieldId}`,
        message: `${fieldName} feeds several two-way fields (${readers.join(", ")}), so their reverses would all write it`,
        hint: `Mark all but one of those edges one-way, or draw the flow into ${fieldName} yourself.`,
      });
      continue;
    }
    const compilation = compileFlow(context, field, terminalEdge);
    if (compilation) derived.set(fieldId, compilation);
  }
  return derived;
}
