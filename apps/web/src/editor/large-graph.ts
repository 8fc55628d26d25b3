/**
 * Above this many nodes and edges a mapping is big: it opens at a readable zoom at its top, and
 * the document is derived and compiled after a pause rather than on every change.
 */
export const LARGE_GRAPH_ELEMENTS = 300;

export const isLargeGraph = (graph: { nodes: readonly unknown[]; edges: readonly unknown[] }) =>
  graph.nodes.length + graph.edges.length > LARGE_GRAPH_ELEMENTS;
