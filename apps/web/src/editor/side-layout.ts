import { nodeHandles, type MappingNode } from "@tandem/mapping";
import type { NodeHandle } from "@xyflow/react";

/**
 * Geometry of the nodes the canvas draws, fixed in CSS so it can be known before rendering.
 * React Flow then places edges and skips off-screen nodes from the first frame instead of
 * rendering every node once to measure it (1,000+ nodes on a big mapping).
 */
export const FIELD_ROW_HEIGHT = 28;
export const SIDE_HEADER_HEIGHT = 44;
export const SIDE_WIDTH = 288;
export const TRANSFORM_WIDTH = 224;
export const TRANSFORM_HEADER_HEIGHT = 28;
export const TRANSFORM_TITLE_HEIGHT = 24;
export const TRANSFORM_SUMMARY_HEIGHT = 20;
export const HANDLE_ROW_HEIGHT = 22;
const BORDER = 1;
const HANDLE_SIZE = 10;

export interface NodeGeometry {
  width: number;
  height: number;
  handles: NodeHandle[];
}

function handle(
  id: string,
  type: "source" | "target",
  side: "left" | "right",
  x: number,
  centreY: number,
): NodeHandle {
  return {
    id,
    type,
    position: side as NodeHandle["position"],
    x: x - HANDLE_SIZE / 2,
    y: centreY - HANDLE_SIZE / 2,
    width: HANDLE_SIZE,
    height: HANDLE_SIZE,
  };
}

/**
 * Side A's fields sit on its right edge, side B's on its left: one handle per field, facing
 * the middle, used in both directions. React Flow starts edges only at source handles and, in
 * loose mode, ends them at either kind, so every side handle is a source.
 */
export function nodeGeometry(node: Pick<MappingNode, "type" | "data">): NodeGeometry {
  if (node.type === "side") {
    const data = node.data as { side: "a" | "b"; fields: { id: string }[] };
    const edge = data.side === "a" ? "right" : "left";
    const x = data.side === "a" ? SIDE_WIDTH - BORDER : BORDER;
    return {
      width: SIDE_WIDTH,
      height: 2 * BORDER + SIDE_HEADER_HEIGHT + data.fields.length * FIELD_ROW_HEIGHT,
      handles: data.fields.map((field, index) =>
        handle(
          field.id,
          "source",
          edge,
          x,
          BORDER + SIDE_HEADER_HEIGHT + (index + 0.5) * FIELD_ROW_HEIGHT,
        ),
      ),
    };
  }
  const { inputs, outputs } = nodeHandles(node as MappingNode);
  const rows = Math.max(inputs.length, outputs.length, 1);
  const top = BORDER + TRANSFORM_HEADER_HEIGHT + TRANSFORM_TITLE_HEIGHT + TRANSFORM_SUMMARY_HEIGHT;
  const rowCentre = (index: number) => top + (index + 0.5) * HANDLE_ROW_HEIGHT;
  return {
    width: TRANSFORM_WIDTH,
    height: top + rows * HANDLE_ROW_HEIGHT + BORDER,
    handles: [
      ...inputs.map((id, index) => handle(id, "target", "left", BORDER, rowCentre(index))),
      ...outputs.map((id, index) =>
        handle(id, "source", "right", TRANSFORM_WIDTH - BORDER, rowCentre(index)),
      ),
    ],
  };
}
