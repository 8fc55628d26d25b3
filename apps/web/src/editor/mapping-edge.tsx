"use client";
import {
  BaseEdge,
  EdgeLabelRenderer,
  getBezierPath,
  useStore,
  type EdgeProps,
  type ReactFlowState,
} from "@xyflow/react";
import { memo, useCallback } from "react";
import { useEditorContext, worstSeverity } from "./editor-context";
import type { FlowEdge } from "./flow-types";

const STROKE = {
  both: "#0f766e",
  aToB: "#1d4ed8",
  bToA: "#9333ea",
  rule: "#94a3b8",
} as const;
const GLYPH = { both: "⇄", aToB: "A→B", bToA: "B→A", rule: "rule" } as const;

/** Arrow heads drawn once per canvas, referenced by every edge. */
export function EdgeMarkers() {
  return (
    <svg width="0" height="0" aria-hidden="true" style={{ position: "absolute" }}>
      <defs>
        {Object.entries({ ...STROKE, error: "#e11d48" }).map(([name, color]) => (
          <marker
            key={name}
            id={`tandem-arrow-${name}`}
            viewBox="0 0 10 10"
            refX="9"
            refY="5"
            markerWidth="7"
            markerHeight="7"
            orient="auto-start-reverse"
          >
            <path d="M 0 0 L 10 5 L 0 10 z" fill={color} />
          </marker>
        ))}
      </defs>
    </svg>
  );
}

/** How far a bezier between two handles can bulge beyond them, in flow units. */
const CURVE_MARGIN = 120;

/**
 * React Flow culls an edge only when the boxes of both its nodes are off screen, and a side
 * node of a big mapping is always on screen; this culls by the edge's own end points.
 */
function useEndsInView(sourceX: number, sourceY: number, targetX: number, targetY: number) {
  return useStore(
    useCallback(
      (state: ReactFlowState) => {
        const [x, y, zoom] = state.transform;
        const left = -x / zoom - CURVE_MARGIN;
        const top = -y / zoom - CURVE_MARGIN;
        const right = left + state.width / zoom + 2 * CURVE_MARGIN;
        const bottom = top + state.height / zoom + 2 * CURVE_MARGIN;
        return !(
          Math.max(sourceX, targetX) < left ||
          Math.min(sourceX, targetX) > right ||
          Math.max(sourceY, targetY) < top ||
          Math.min(sourceY, targetY) > bottom
        );
      },
      [sourceX, sourceY, targetX, targetY],
    ),
  );
}

function MappingEdgeView(props: EdgeProps<FlowEdge>) {
  const { id, selected } = props;
  const inView = useEndsInView(props.sourceX, props.sourceY, props.targetX, props.targetY);
  const { edgeDirections, diagnostics } = useEditorContext();
  const direction = edgeDirections.get(id) ?? "aToB";
  const severity = worstSeverity(diagnostics.byEdge.get(id));
  if (!inView && !selected) return null;
  const [path, labelX, labelY] = getBezierPath(props);
  const marker = severity === "error" ? "error" : direction;
  const color = severity === "error" ? "#e11d48" : STROKE[direction];
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        markerEnd={direction === "rule" ? undefined : `url(#tandem-arrow-${marker})`}
        markerStart={direction === "both" ? `url(#tandem-arrow-${marker})` : undefined}
        style={{
          stroke: color,
          strokeWidth: selected ? 3 : 1.5,
          strokeDasharray: direction === "rule" ? "4 4" : props.data?.oneWay ? "6 3" : undefined,
        }}
      />
      {selected || severity ? (
        <EdgeLabelRenderer>
          <div
            className="nodrag nopan pointer-events-none absolute rounded bg-white px-1 text-[10px] font-semibold shadow"
            style={{
              transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)`,
              color,
            }}
            data-edge-direction={direction}
          >
            {GLYPH[direction]}
          </div>
        </EdgeLabelRenderer>
      ) : null}
    </>
  );
}

export const MappingEdge = memo(MappingEdgeView);
