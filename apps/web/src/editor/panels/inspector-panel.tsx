"use client";
import { CONNECTOR_SYSTEM_NAMES } from "@tandem/connectors/kinds";
import {
  CONFLICT_STRATEGIES,
  summarizeConflictRules,
  type MappingDocumentInput,
} from "@tandem/mapping";
import { memo, useMemo } from "react";
import type { DiagnosticIndex } from "../editor-context";
import type { EditorGraph } from "../flow-types";
import { withData } from "../flow-conversion";
import { Field, inputClass } from "../inspector/controls";
import { NodeInspector } from "../inspector/node-inspector";
import { STRATEGY_PHRASES } from "../phrases";
import { parseMappingDocument } from "@tandem/mapping";

type Commit = (update: (graph: EditorGraph) => EditorGraph) => void;

export const InspectorPanel = memo(function InspectorPanel(props: {
  graph: EditorGraph;
  selection: { nodes: string[]; edges: string[] };
  diagnostics: DiagnosticIndex;
  commit: Commit;
  document: MappingDocumentInput;
}) {
  const { graph, selection, commit } = props;
  const node =
    selection.nodes.length === 1 ? graph.nodes.find((n) => n.id === selection.nodes[0]) : undefined;
  const edge =
    selection.nodes.length === 0 && selection.edges.length === 1
      ? graph.edges.find((e) => e.id === selection.edges[0])
      : undefined;

  if (node) {
    return (
      <NodeInspector
        key={node.id}
        node={node}
        graph={graph}
        diagnostics={props.diagnostics.byNode.get(node.id) ?? []}
        onChange={(data) =>
          commit((current) => ({
            ...current,
            nodes: current.nodes.map((n) => (n.id === node.id ? withData(n, data) : n)),
          }))
        }
      />
    );
  }
  if (edge) {
    const target = graph.nodes.find((n) => n.id === edge.target);
    const intoSide = target?.type === "side";
    const diagnostics = props.diagnostics.byEdge.get(edge.id) ?? [];
    return (
      <section className="space-y-3" aria-label="Edge settings">
        <h2 className="text-sm font-semibold">Edge</h2>
        <p className="font-mono text-xs break-all text-slate-600">
          {edge.source}.{edge.sourceHandle} → {edge.target}.{edge.targetHandle}
        </p>
        {intoSide ? (
          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={edge.data?.oneWay ?? false}
              onChange={(event) =>
                commit((current) => ({
                  ...current,
                  edges: current.edges.map((e) =>
                    e.id === edge.id
                      ? { ...e, data: { ...e.data, oneWay: event.target.checked } }
                      : e,
                  ),
                }))
              }
            />
            One-way: only in the drawn direction (no reverse is derived)
          </label>
        ) : (
          <p className="text-xs text-slate-500">
            Direction comes from the side field this flow ends in.
          </p>
        )}
        {diagnostics.map((diagnostic, index) => (
          <p key={index} className="rounded bg-rose-50 p-2 text-xs text-rose-800">
            {diagnostic.message}
          </p>
        ))}
        <button
          type="button"
          className="rounded border border-rose-300 px-2 py-1 text-sm text-rose-700"
          onClick={() =>
            commit((current) => ({
              ...current,
              edges: current.edges.filter((e) => e.id !== edge.id),
            }))
          }
        >
          Delete edge
        </button>
      </section>
    );
  }
  return (
    <MappingOverview
      graph={graph}
      commit={commit}
      document={props.document}
      selectedCount={selection.nodes.length}
    />
  );
});

function MappingOverview(props: {
  graph: EditorGraph;
  commit: Commit;
  document: MappingDocumentInput;
  selectedCount: number;
}) {
  const { graph, commit } = props;
  const summary = useMemo(() => {
    const parsed = parseMappingDocument(props.document);
    return parsed.ok
      ? summarizeConflictRules(parsed.document, { systemNames: CONNECTOR_SYSTEM_NAMES })
      : null;
  }, [props.document]);
  const strategies = CONFLICT_STRATEGIES.filter((strategy) => strategy !== "expression");
  return (
    <section className="space-y-4" aria-label="Mapping settings">
      {props.selectedCount > 1 ? (
        <p className="text-sm text-slate-600">
          {props.selectedCount} nodes selected: copy, duplicate, delete or move them together.
        </p>
      ) : (
        <p className="text-sm text-slate-600">Select a node or an edge to edit it.</p>
      )}
      <div>
        <h2 className="text-sm font-semibold">Conflict rules</h2>
        <p
          className="mt-1 rounded bg-violet-50 p-2 text-sm text-violet-900"
          data-testid="conflict-summary"
        >
          {summary?.text ?? "—"}
        </p>
      </div>
      <Field label="When no rule covers a field">
        <select
          className={inputClass}
          value={graph.meta.settings.defaultConflictStrategy}
          onChange={(event) =>
            commit((current) => ({
              ...current,
              meta: {
                ...current.meta,
                settings: {
                  ...current.meta.settings,
                  defaultConflictStrategy: event.target.value as (typeof strategies)[number],
                },
              },
            }))
          }
        >
          {strategies.map((strategy) => (
            <option key={strategy} value={strategy}>
              {STRATEGY_PHRASES[strategy]}
            </option>
          ))}
        </select>
      </Field>
      <dl className="grid grid-cols-2 gap-1 text-sm">
        <dt className="text-slate-500">Nodes</dt>
        <dd>{graph.nodes.length}</dd>
        <dt className="text-slate-500">Edges</dt>
        <dd>{graph.edges.length}</dd>
      </dl>
    </section>
  );
}
