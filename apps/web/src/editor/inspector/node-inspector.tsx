"use client";
import type { Diagnostic } from "@tandem/mapping";
import type { EditorGraph, FlowNode } from "../flow-types";
import { nodeKind } from "../node-kinds";
import { CommitInput, Field } from "./controls";

/** The editor for one node's parameters; every change goes through `onChange` as one undo step. */
export function NodeInspector(props: {
  node: FlowNode;
  graph: EditorGraph;
  diagnostics: readonly Diagnostic[];
  onChange: (data: FlowNode["data"]) => void;
}) {
  const { node } = props;
  const { name, Inspector } = nodeKind(node.type);
  return (
    <section className="space-y-3" aria-label={`${name} settings`} data-inspected-node={node.id}>
      <div className="flex items-baseline gap-2">
        <h2 className="text-sm font-semibold">{name}</h2>
        <span className="font-mono text-xs text-slate-400">{node.id}</span>
      </div>
      <Field label="Label">
        <CommitInput
          label="Label"
          value={node.data.label ?? ""}
          onCommit={(label) => props.onChange({ ...node.data, label: label || undefined })}
        />
      </Field>
      <Inspector node={node} graph={props.graph} onChange={props.onChange} />
      {props.diagnostics.length > 0 ? (
        <ul className="space-y-1" aria-label="Problems with this node">
          {props.diagnostics.map((diagnostic, index) => (
            <li
              key={index}
              className={`rounded p-2 text-xs ${diagnostic.severity === "error" ? "bg-rose-50 text-rose-800" : "bg-amber-50 text-amber-900"}`}
            >
              {diagnostic.message}
              {diagnostic.hint ? (
                <span className="block text-slate-600">{diagnostic.hint}</span>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
