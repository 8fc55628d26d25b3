import type { FlowEdge, FlowNode, SideFlowNode } from "./flow-types";
import { groupBy } from "./group-by";
import { FIELD_ROW_HEIGHT, SIDE_HEADER_HEIGHT, SIDE_WIDTH } from "./side-layout";

const COLUMN_WIDTH = 270;
const GAP = 16;
const DEFAULT_HEIGHT = 110;

const fieldIndexes = new WeakMap<SideFlowNode["data"], Map<string, number>>();

function fieldY(side: SideFlowNode, field: string | null | undefined): number | null {
  let indexes = fieldIndexes.get(side.data);
  if (!indexes) {
    indexes = new Map(side.data.fields.map((candidate, index) => [candidate.id, index]));
    fieldIndexes.set(side.data, indexes);
  }
  const index = field === null || field === undefined ? undefined : indexes.get(field);
  if (index === undefined) return null;
  return side.position.y + SIDE_HEADER_HEIGHT + index * FIELD_ROW_HEIGHT + FIELD_ROW_HEIGHT / 2;
}

/**
 * Lays a mapping out the way people read one: side A on the left, side B on the right, and
 * each transform in a column by how many transforms feed it, level with the fields it joins,
 * so edges run nearly straight. Side nodes keep their vertical position.
 */
export function autoLayout(nodes: readonly FlowNode[], edges: readonly FlowEdge[]): FlowNode[] {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const isSide = (id: string) => byId.get(id)?.type === "side";
  const incoming = groupBy(edges, (edge) => edge.target);

  const depth = new Map<string, number>();
  const visiting = new Set<string>();
  const depthOf = (id: string): number => {
    const known = depth.get(id);
    if (known !== undefined) return known;
    if (visiting.has(id)) return 0;
    visiting.add(id);
    let value = 0;
    for (const edge of incoming.get(id) ?? [])
      if (!isSide(edge.source)) value = Math.max(value, depthOf(edge.source) + 1);
    visiting.delete(id);
    depth.set(id, value);
    return value;
  };

  const outgoing = groupBy(edges, (edge) => edge.source);
  const anchors = new Map<string, number>();
  for (const node of nodes) {
    if (node.type === "side") continue;
    const ys: number[] = [];
    for (const edge of incoming.get(node.id) ?? []) {
      const side = byId.get(edge.source);
      const y = side?.type === "side" ? fieldY(side, edge.sourceHandle) : null;
      if (y !== null) ys.push(y);
    }
    for (const edge of outgoing.get(node.id) ?? []) {
      const side = byId.get(edge.target);
      const y = side?.type === "side" ? fieldY(side, edge.targetHandle) : null;
      if (y !== null) ys.push(y);
    }
    if (ys.length > 0) anchors.set(node.id, ys.reduce((sum, y) => sum + y, 0) / ys.length);
  }

  const columns = new Map<number, FlowNode[]>();
  for (const node of nodes) {
    if (node.type === "side") continue;
    const column = depthOf(node.id);
    columns.set(column, [...(columns.get(column) ?? []), node]);
  }
  const columnCount = Math.max(1, ...[...columns.keys()].map((column) => column + 1));
  const positions = new Map<string, { x: number; y: number }>();
  for (const [column, members] of columns) {
    const anchorOf = (node: FlowNode) =>
      anchors.get(node.id) ??
      (incoming.get(node.id) ?? [])
        .map((edge) => anchors.get(edge.source))
        .find((y) => y !== undefined) ??
      Number.MAX_SAFE_INTEGER;
    let bottom = Number.NEGATIVE_INFINITY;
    for (const node of [...members].sort((x, y) => anchorOf(x) - anchorOf(y))) {
      const height = node.measured?.height ?? DEFAULT_HEIGHT;
      const wanted =
        anchorOf(node) === Number.MAX_SAFE_INTEGER ? bottom + GAP : anchorOf(node) - height / 2;
      const y = Math.max(wanted, bottom + GAP, 0);
      positions.set(node.id, { x: SIDE_WIDTH + 80 + column * COLUMN_WIDTH, y: Math.round(y) });
      anchors.set(node.id, y + height / 2);
      bottom = y + height;
    }
  }
  const sideBX = SIDE_WIDTH + 80 + columnCount * COLUMN_WIDTH + 40;
  return nodes.map((node) => {
    if (node.type === "side")
      return { ...node, position: { x: node.data.side === "a" ? 0 : sideBX, y: node.position.y } };
    const position = positions.get(node.id);
    return position ? { ...node, position } : node;
  });
}
