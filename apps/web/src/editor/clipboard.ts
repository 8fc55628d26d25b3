import type { EditorGraph, FlowEdge, FlowNode } from "./flow-types";
import { nodeAccessibleName } from "./node-kinds";

export interface GraphClipboard {
  nodes: FlowNode[];
  /** Edges between copied nodes, and edges from side fields into them. */
  edges: FlowEdge[];
}

const PASTE_OFFSET = 40;

/** The selected transform and rule nodes with the edges that keep meaning without the rest. */
export function copySelection(graph: EditorGraph): GraphClipboard | null {
  const nodes = graph.nodes.filter((node) => node.selected && node.type !== "side");
  if (nodes.length === 0) return null;
  const ids = new Set(nodes.map((node) => node.id));
  const sides = new Set(graph.nodes.filter((node) => node.type === "side").map((node) => node.id));
  const edges = graph.edges.filter(
    (edge) => ids.has(edge.target) && (ids.has(edge.source) || sides.has(edge.source)),
  );
  return structuredClone({ nodes, edges });
}

/** Adds a copy with fresh ids, offset so it is visible, and selects it. */
export function pasteClipboard(graph: EditorGraph, clipboard: GraphClipboard): EditorGraph {
  const taken = new Set(graph.nodes.map((node) => node.id));
  const renamed = new Map<string, string>();
  for (const node of clipboard.nodes) {
    let id = `${node.id.replace(/-copy\d*$/, "")}-copy`;
    for (let n = 2; taken.has(id); n++) id = `${node.id.replace(/-copy\d*$/, "")}-copy${n}`;
    taken.add(id);
    renamed.set(node.id, id);
  }
  const nodes = clipboard.nodes.map((node): FlowNode => ({
    ...structuredClone(node),
    id: renamed.get(node.id)!,
    position: { x: node.position.x + PASTE_OFFSET, y: node.position.y + PASTE_OFFSET },
    selected: true,
    ariaLabel: nodeAccessibleName(node),
  }));
  const edges = clipboard.edges.map((edge): FlowEdge => {
    const source = renamed.get(edge.source) ?? edge.source;
    const target = renamed.get(edge.target)!;
    return {
      ...structuredClone(edge),
      id: `${source}.${edge.sourceHandle ?? ""}->${target}.${edge.targetHandle ?? ""}`,
      source,
      target,
      selected: false,
    };
  });
  return {
    ...graph,
    nodes: [
      ...graph.nodes.map((node) => (node.selected ? { ...node, selected: false } : node)),
      ...nodes,
    ],
    edges: [...graph.edges, ...edges],
  };
}
