"use client";
import { nodeHandles, type MappingNode } from "@tandem/mapping";
import { Handle, Position, type NodeProps } from "@xyflow/react";
import { memo } from "react";
import { useEditorContext, worstSeverity } from "../editor-context";
import type { FlowNode } from "../flow-types";
import type { NodeData, TransformKind } from "../node-kinds/node-kind";
import {
  HANDLE_ROW_HEIGHT,
  TRANSFORM_HEADER_HEIGHT,
  TRANSFORM_SUMMARY_HEIGHT,
  TRANSFORM_TITLE_HEIGHT,
  TRANSFORM_WIDTH,
} from "../side-layout";
import { DiagnosticBadge, SEVERITY_RING } from "./diagnostic-badge";

/** What a transform or rule node shows of its kind. */
export interface TransformNodeLook<K extends TransformKind> {
  name: string;
  accent?: string;
  title(data: NodeData<K>): string;
  summary(data: NodeData<K>): string;
}

/** The canvas node of one transform or rule kind: header, title, summary and handle rows. */
export function transformNodeComponent<K extends TransformKind>(look: TransformNodeLook<K>) {
  function TransformNodeView(props: NodeProps<FlowNode>) {
    const { id, selected, type } = props;
    // React Flow draws a node with the component of its type, so the data is this kind's.
    const data = props.data as NodeData<K>;
    const { diagnostics } = useEditorContext();
    const nodeDiagnostics = diagnostics.byNode.get(id);
    const severity = worstSeverity(nodeDiagnostics);
    const handles = nodeHandles({ type, data } as MappingNode);
    const rows = Math.max(handles.inputs.length, handles.outputs.length, 1);
    const title = look.title(data);
    return (
      <div
        style={{ width: TRANSFORM_WIDTH }}
        className={`rounded-lg border bg-white shadow-sm ${selected ? "border-sky-500" : "border-slate-300"} ${severity ? SEVERITY_RING[severity] : ""}`}
        data-kind={type}
      >
        <div
          className={`flex items-center gap-2 rounded-t-lg px-2.5 text-white ${look.accent ?? "bg-slate-600"}`}
          style={{ height: TRANSFORM_HEADER_HEIGHT }}
        >
          <span className="text-[10px] tracking-wide uppercase opacity-80">{look.name}</span>
          <DiagnosticBadge diagnostics={nodeDiagnostics} />
        </div>
        <div
          className="truncate px-2.5 pt-1 text-sm leading-5 font-medium text-slate-900"
          style={{ height: TRANSFORM_TITLE_HEIGHT }}
          title={title}
        >
          {title}
        </div>
        <div
          className="truncate px-2.5 text-xs leading-4 text-slate-500"
          style={{ height: TRANSFORM_SUMMARY_HEIGHT }}
        >
          {look.summary(data)}
        </div>
        <div className="relative" style={{ height: rows * HANDLE_ROW_HEIGHT }}>
          {handles.inputs.map((handle, index) => (
            <div
              key={`in-${handle}`}
              className="absolute left-0 flex items-center pl-3 text-[10px] text-slate-500"
              style={{ top: index * HANDLE_ROW_HEIGHT, height: HANDLE_ROW_HEIGHT }}
            >
              <Handle
                type="target"
                position={Position.Left}
                id={handle}
                aria-label={`${title} input ${handle}`}
                className="!h-2.5 !w-2.5 !border-slate-500 !bg-white"
              />
              {handle}
            </div>
          ))}
          {handles.outputs.map((handle, index) => (
            <div
              key={`out-${handle}`}
              className="absolute right-0 flex items-center pr-3 text-[10px] text-slate-500"
              style={{ top: index * HANDLE_ROW_HEIGHT, height: HANDLE_ROW_HEIGHT }}
            >
              {handle}
              <Handle
                type="source"
                position={Position.Right}
                id={handle}
                aria-label={`${title} output ${handle}`}
                className="!h-2.5 !w-2.5 !border-slate-500 !bg-slate-700"
              />
            </div>
          ))}
        </div>
      </div>
    );
  }
  return memo(TransformNodeView);
}
