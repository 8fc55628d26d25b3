"use client";
import type { Diagnostic, MappingDocument } from "@tandem/mapping";
import {
  Background,
  ConnectionMode,
  Controls,
  MiniMap,
  ReactFlow,
  applyEdgeChanges,
  applyNodeChanges,
  useReactFlow,
  type Connection,
  type EdgeChange,
  type NodeChange,
  type OnSelectionChangeParams,
} from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import {
  useCallback,
  useEffect,
  useMemo,
  useReducer,
  useRef,
  useState,
  type DragEvent,
} from "react";
import { autoLayout } from "./auto-layout";
import { orientConnection, type ProposedConnection } from "./connection-rules";
import { ConnectionHint, proposedFromHandles } from "./connection-hint";
import {
  EditorContext,
  EMPTY_DIAGNOSTICS,
  indexDiagnostics,
  type EditorContextValue,
} from "./editor-context";
import { historyReducer } from "./editor-history";
import { edgeDirections, sidesOf } from "./edge-direction";
import { documentToGraph, graphToDocument, withData } from "./flow-conversion";
import type { EditorGraph, FlowEdge, FlowNode } from "./flow-types";
import { MappingEdge, EdgeMarkers } from "./mapping-edge";
import { createNode } from "./node-defaults";
import { NODE_TYPES } from "./node-kinds";
import { ConnectDialog } from "./panels/connect-dialog";
import { DiagnosticsPanel } from "./panels/diagnostics-panel";
import { FieldSearch } from "./panels/field-search";
import { InspectorPanel } from "./panels/inspector-panel";
import { Palette, PALETTE_DRAG_TYPE } from "./panels/palette";
import { PreviewPanel } from "./panels/preview-panel";
import { ShortcutsHelp } from "./panels/shortcuts-help";
import { VersionsPanel } from "./panels/versions-panel";
import { SaveStatusLine } from "./save-status-line";
import { FIELD_ROW_HEIGHT, SIDE_HEADER_HEIGHT, SIDE_WIDTH } from "./side-layout";
import { useCompiler } from "./use-compiler";
import { useDraftAutosave } from "./use-draft-autosave";
import { useEditorShortcuts } from "./use-editor-shortcuts";
import { copySelection, pasteClipboard, type GraphClipboard } from "./clipboard";

const EDGE_TYPES = { mapping: MappingEdge };
const LARGE_GRAPH_ELEMENTS = 300;
const PANELS = ["inspect", "problems", "versions"] as const;
type PanelName = (typeof PANELS)[number];
const PANEL_TITLES: Record<PanelName, string> = {
  inspect: "Inspect",
  problems: "Problems",
  versions: "Versions",
};

export interface EditorWorkspaceProps {
  mappingId: string;
  mappingName: string;
  document: MappingDocument;
  revision: number;
  /** The text the server holds, in the editor's canonical form. */
  savedText: string;
  publishedHash: string | null;
  restoredLocally: boolean;
}

const edgeId = (c: ProposedConnection) =>
  `${c.source}.${c.sourceHandle ?? ""}->${c.target}.${c.targetHandle ?? ""}`;

export function EditorWorkspace(props: EditorWorkspaceProps) {
  const flow = useReactFlow<FlowNode, FlowEdge>();
  const [history, dispatch] = useReducer(historyReducer, undefined, () => ({
    past: [],
    present: documentToGraph(props.document),
    future: [],
  }));
  const graph = history.present;

  const graphRef = useRef(graph);
  graphRef.current = graph;
  const [panel, setPanel] = useState<PanelName>("inspect");
  const [helpOpen, setHelpOpen] = useState(false);
  const [previewOpen, setPreviewOpen] = useState(false);
  const [connectOpen, setConnectOpen] = useState(false);
  const [hint, setHint] = useState<string | null>(null);
  useEffect(() => {
    if (!hint) return;
    const timer = setTimeout(() => setHint(null), 8_000);
    return () => clearTimeout(timer);
  }, [hint]);
  const [highlightedField, setHighlightedField] = useState<string | null>(null);
  const [selection, setSelection] = useState<{ nodes: string[]; edges: string[] }>({
    nodes: [],
    edges: [],
  });
  const clipboard = useRef<GraphClipboard | null>(null);
  // A big mapping opens at a readable zoom at its top instead of fitted into one screen, so
  // only the nodes in view are drawn.
  const [initialViewport] = useState(() => {
    if (graph.nodes.length + graph.edges.length <= LARGE_GRAPH_ELEMENTS) return null;
    const width = Math.max(...graph.nodes.map((node) => node.position.x)) + SIDE_WIDTH + 40;
    const canvas = typeof window === "undefined" ? 1000 : window.innerWidth - 620;
    return { x: 20, y: 20, zoom: Math.min(1, Math.max(0.3, canvas / width)) };
  });
  const dragBefore = useRef<EditorGraph | null>(null);
  // The side panels see the graph as it was when a drag started: a drag re-renders the canvas
  // each frame, not the (memoized) inspector.
  const panelGraph = useRef(graph);
  if (!dragBefore.current) panelGraph.current = graph;

  // The document is derived only after the graph has stopped changing for a moment: during a
  // drag the graph changes every frame and serializing 1,000 nodes each time would stutter.
  const [document, setDocument] = useState(() => graphToDocument(graph));
  useEffect(() => {
    if (graph.nodes.some((node) => node.dragging)) return;
    const timer = setTimeout(
      () => {
        setDocument((current) => {
          const next = graphToDocument(graph);
          return JSON.stringify(next) === JSON.stringify(current) ? current : next;
        });
      },
      graph.nodes.length + graph.edges.length > LARGE_GRAPH_ELEMENTS ? 25 : 0,
    );
    return () => clearTimeout(timer);
  }, [graph]);

  const compiled = useCompiler(document);
  const autosave = useDraftAutosave({
    mappingId: props.mappingId,
    document,
    revision: props.revision,
    savedText: props.savedText,
  });

  const nodesById = useMemo(
    () => new Map(graph.nodes.map((node) => [node.id, node])),
    [graph.nodes],
  );
  // Keyed on which nodes are sides, not on the node objects, which change on every drag frame.
  const sidesKey = graph.nodes
    .flatMap((node) => (node.type === "side" ? [`${node.id}:${node.data.side}`] : []))
    .join(",");
  const sideOf = useMemo(() => sidesOf(graph.nodes), [sidesKey]);

  const directions = useMemo(() => edgeDirections(sideOf, graph.edges), [sideOf, graph.edges]);
  const diagnostics: Diagnostic[] = useMemo(() => compiled?.diagnostics ?? [], [compiled]);
  const diagnosticIndex = useMemo(
    () => (compiled ? indexDiagnostics(compiled.diagnostics) : EMPTY_DIAGNOSTICS),
    [compiled],
  );

  const commit = useCallback(
    (update: (graph: EditorGraph) => EditorGraph) => dispatch({ type: "commit", update }),
    [],
  );
  const updateNodeData = useCallback<EditorContextValue["updateNodeData"]>(
    (id, update) =>
      commit((current) => ({
        ...current,
        nodes: current.nodes.map((node) =>
          node.id === id ? withData(node, update(node.data)) : node,
        ),
      })),
    [commit],
  );
  const context = useMemo<EditorContextValue>(
    () => ({
      diagnostics: diagnosticIndex,
      edgeDirections: directions,
      highlightedField,
      updateNodeData,
    }),
    [diagnosticIndex, directions, highlightedField, updateNodeData],
  );

  const onNodesChange = useCallback((changes: NodeChange<FlowNode>[]) => {
    const kept = changes.filter((change) => change.type !== "remove");
    if (kept.length === 0) return;
    const moved = kept.some((change) => change.type === "position" && !dragBefore.current);
    const update = (current: EditorGraph) => ({
      ...current,
      nodes: applyNodeChanges(kept, current.nodes),
    });
    dispatch(moved ? { type: "commit", update } : { type: "transient", update });
  }, []);
  const onEdgesChange = useCallback((changes: EdgeChange<FlowEdge>[]) => {
    const kept = changes.filter((change) => change.type !== "remove");
    if (kept.length === 0) return;
    dispatch({
      type: "transient",
      update: (current) => ({ ...current, edges: applyEdgeChanges(kept, current.edges) }),
    });
  }, []);
  const onDelete = useCallback(
    ({ nodes, edges }: { nodes: FlowNode[]; edges: FlowEdge[] }) => {
      const nodeIds = new Set(nodes.map((node) => node.id));
      const edgeIds = new Set(edges.map((edge) => edge.id));
      commit((current) => ({
        ...current,
        nodes: current.nodes.filter((node) => !nodeIds.has(node.id)),
        edges: current.edges.filter(
          (edge) => !edgeIds.has(edge.id) && !nodeIds.has(edge.source) && !nodeIds.has(edge.target),
        ),
      }));
    },
    [commit],
  );

  const connect = useCallback(
    (proposed: ProposedConnection): boolean => {
      const current = graphRef.current;
      const { connection, check } = orientConnection(
        new Map(current.nodes.map((n) => [n.id, n])),
        current.edges,
        proposed,
      );
      if (!check.ok) {
        setHint(check.reason);
        return false;
      }
      const edge: FlowEdge = {
        id: edgeId(connection),
        type: "mapping",
        source: connection.source,
        sourceHandle: connection.sourceHandle,
        target: connection.target,
        targetHandle: connection.targetHandle,
        data: { oneWay: false },
      };
      commit((g) => ({ ...g, edges: [...g.edges, edge] }));
      setHint(
        `Connected ${connection.sourceHandle ?? connection.source} → ${connection.targetHandle ?? connection.target}.`,
      );
      return true;
    },
    [commit],
  );
  const onConnect = useCallback((connection: Connection) => void connect(connection), [connect]);
  // Stable across renders (reads the latest graph), so dragging nodes does not re-sync it
  // into React Flow's store every frame.
  const isValidConnection = useCallback((connection: FlowEdge | Connection) => {
    const current = graphRef.current;
    return orientConnection(new Map(current.nodes.map((n) => [n.id, n])), current.edges, {
      source: connection.source,
      sourceHandle: connection.sourceHandle ?? null,
      target: connection.target,
      targetHandle: connection.targetHandle ?? null,
    }).check.ok;
  }, []);

  const addNode = useCallback(
    (kind: Parameters<typeof createNode>[0], position?: { x: number; y: number }) => {
      const where =
        position ??
        flow.screenToFlowPosition({ x: window.innerWidth / 2, y: window.innerHeight / 2 });
      commit((current) => {
        const node = createNode(kind, where, new Set(current.nodes.map((n) => n.id)));
        return {
          ...current,
          nodes: [...current.nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), node],
        };
      });
      setPanel("inspect");
    },
    [commit, flow],
  );
  const onDrop = useCallback(
    (event: DragEvent) => {
      const kind = event.dataTransfer.getData(PALETTE_DRAG_TYPE);
      if (!kind) return;
      event.preventDefault();
      addNode(
        kind as Parameters<typeof createNode>[0],
        flow.screenToFlowPosition({ x: event.clientX, y: event.clientY }),
      );
    },
    [addNode, flow],
  );

  const layout = useCallback(() => {
    commit((current) => ({ ...current, nodes: autoLayout(current.nodes, current.edges) }));
    requestAnimationFrame(() => void flow.fitView());
  }, [commit, flow]);

  const focusNode = useCallback(
    (nodeId: string, edge?: string) => {
      dispatch({
        type: "transient",
        update: (current) => ({
          ...current,
          nodes: current.nodes.map((node) => ({ ...node, selected: node.id === nodeId })),
          edges: current.edges.map((e) => ({ ...e, selected: e.id === edge })),
        }),
      });
      void flow.fitView({ nodes: [{ id: nodeId }], duration: 250, maxZoom: 1.2 });
      setPanel("inspect");
    },
    [flow],
  );
  const focusField = useCallback(
    (side: "a" | "b", field: string) => {
      const node = graphRef.current.nodes.find((n) => n.type === "side" && n.data.side === side);
      if (node?.type !== "side") return;
      const index = node.data.fields.findIndex((f) => f.id === field);
      setHighlightedField(`${side}.${field}`);
      void flow.setCenter(
        node.position.x + SIDE_WIDTH / 2,
        node.position.y + SIDE_HEADER_HEIGHT + (index + 0.5) * FIELD_ROW_HEIGHT,
        {
          zoom: 1.1,
          duration: 250,
        },
      );
    },
    [flow],
  );

  /** A problem about a transform opens that node; one about a side field shows the field. */
  const focusDiagnostic = useCallback(
    (diagnostic: Diagnostic) => {
      const node = diagnostic.nodeId ? nodesById.get(diagnostic.nodeId) : undefined;
      const [side, ...path] = diagnostic.field?.split(".") ?? [];
      if (node && node.type !== "side") {
        focusNode(node.id, diagnostic.edgeId);
        setHighlightedField(diagnostic.field ?? null);
      } else if ((side === "a" || side === "b") && path.length > 0)
        focusField(side, path.join("."));
      else if (diagnostic.nodeId) focusNode(diagnostic.nodeId, diagnostic.edgeId);
    },
    [nodesById, focusNode, focusField],
  );

  const replaceDocument = useCallback(
    (next: MappingDocument) => {
      const nextGraph = documentToGraph(next);
      commit(() => nextGraph);
      requestAnimationFrame(() => void flow.fitView());
    },
    [commit, flow],
  );
  const adoptServerDocument = useCallback(
    (next: MappingDocument, revision: number) => {
      const nextGraph = documentToGraph(next);
      autosave.adopt(revision, JSON.stringify(graphToDocument(nextGraph)));
      dispatch({ type: "reset", graph: nextGraph });
    },
    [autosave],
  );

  useEditorShortcuts({
    undo: () => dispatch({ type: "undo" }),
    redo: () => dispatch({ type: "redo" }),
    copy: () => {
      clipboard.current = copySelection(graphRef.current);
      setHint(
        clipboard.current
          ? `Copied ${clipboard.current.nodes.length} node(s).`
          : "Select transform nodes to copy.",
      );
    },
    paste: () => {
      const content = clipboard.current;
      if (content) commit((current) => pasteClipboard(current, content));
    },
    duplicate: () => {
      const content = copySelection(graphRef.current);
      if (content) commit((current) => pasteClipboard(current, content));
    },
    selectAll: () =>
      dispatch({
        type: "transient",
        update: (current) => ({
          ...current,
          nodes: current.nodes.map((n) => ({ ...n, selected: true })),
        }),
      }),
    fitView: () => void flow.fitView(),
    layout,
    connect: () => setConnectOpen(true),
    search: () => window.document.getElementById("field-search")?.focus(),
    help: () => setHelpOpen((open) => !open),
    preview: () => setPreviewOpen((open) => !open),
    escape: () => {
      setHelpOpen(false);
      setConnectOpen(false);
    },
  });

  const onSelectionChange = useCallback(
    ({ nodes, edges }: OnSelectionChangeParams<FlowNode, FlowEdge>) => {
      setSelection({ nodes: nodes.map((n) => n.id), edges: edges.map((e) => e.id) });
    },
    [],
  );

  const errorCount = diagnostics.filter((d) => d.severity === "error").length;
  const warningCount = diagnostics.filter((d) => d.severity === "warning").length;

  return (
    <EditorContext.Provider value={context}>
      <div className="flex h-full flex-col" data-compiled={compiled ? "true" : "false"}>
        <div
          className="flex flex-wrap items-center gap-2 border-b border-slate-200 bg-white px-3 py-2"
          role="toolbar"
          aria-label="Editor"
        >
          <h1 className="mr-2 truncate text-base font-semibold" title={props.mappingName}>
            {props.mappingName}
          </h1>
          <ToolbarButton
            label="Undo"
            shortcut="Ctrl+Z"
            disabled={history.past.length === 0}
            onClick={() => dispatch({ type: "undo" })}
          />
          <ToolbarButton
            label="Redo"
            shortcut="Ctrl+Shift+Z"
            disabled={history.future.length === 0}
            onClick={() => dispatch({ type: "redo" })}
          />
          <ToolbarButton label="Auto-layout" shortcut="L" onClick={layout} />
          <ToolbarButton label="Fit view" shortcut="F" onClick={() => void flow.fitView()} />
          <ToolbarButton label="Connect…" shortcut="C" onClick={() => setConnectOpen(true)} />
          <ToolbarButton
            label="Preview"
            shortcut="P"
            pressed={previewOpen}
            onClick={() => setPreviewOpen((open) => !open)}
          />
          <FieldSearch nodes={graph.nodes} onPick={focusField} />
          <button
            type="button"
            className="rounded px-2 py-1 text-sm text-slate-700 hover:bg-slate-100"
            onClick={() => setPanel("problems")}
            aria-label={`${errorCount} errors, ${warningCount} warnings`}
            data-testid="problem-counts"
          >
            <span className={errorCount ? "font-semibold text-rose-700" : "text-slate-500"}>
              {errorCount} errors
            </span>
            {" · "}
            <span className={warningCount ? "text-amber-700" : "text-slate-500"}>
              {warningCount} warnings
            </span>
          </button>
          <SaveStatusLine status={autosave.status} restoredLocally={props.restoredLocally} />
          <ToolbarButton label="Shortcuts" shortcut="?" onClick={() => setHelpOpen(true)} />
        </div>
        <div className="flex min-h-0 flex-1">
          <Palette onAdd={(kind) => addNode(kind)} />
          <div className="flex min-w-0 flex-1 flex-col">
            <div
              className="relative min-h-0 flex-1"
              onDragOver={(e) => e.preventDefault()}
              onDrop={onDrop}
            >
              <EdgeMarkers />
              <ReactFlow<FlowNode, FlowEdge>
                nodes={graph.nodes}
                edges={graph.edges}
                nodeTypes={NODE_TYPES}
                edgeTypes={EDGE_TYPES}
                onNodesChange={onNodesChange}
                onEdgesChange={onEdgesChange}
                onDelete={onDelete}
                onConnect={onConnect}
                isValidConnection={isValidConnection}
                connectionMode={ConnectionMode.Loose}
                onNodeDragStart={() => {
                  dragBefore.current = graphRef.current;
                }}
                onNodeDragStop={() => {
                  const before = dragBefore.current;
                  dragBefore.current = null;
                  if (before) dispatch({ type: "checkpoint", before });
                }}
                onSelectionChange={onSelectionChange}
                onConnectEnd={(_, state) => {
                  if (state.isValid !== false || !state.fromHandle || !state.toHandle) return;
                  const { check } = orientConnection(
                    nodesById,
                    graph.edges,
                    proposedFromHandles(state.fromHandle, state.toHandle),
                  );
                  if (!check.ok) setHint(check.reason);
                }}
                deleteKeyCode={["Delete", "Backspace"]}
                multiSelectionKeyCode={["Meta", "Control"]}
                selectionKeyCode="Shift"
                minZoom={0.05}
                fitView={!initialViewport}
                {...(initialViewport ? { defaultViewport: initialViewport } : {})}
                onlyRenderVisibleElements
                proOptions={{ hideAttribution: true }}
                ariaLabelConfig={{
                  "node.a11yDescription.default":
                    "Press Enter to select this node, arrow keys to move it, Delete to remove it, C to connect from it.",
                }}
              >
                <Background gap={24} />
                <Controls showInteractive={false} />
                <MiniMap pannable zoomable ariaLabel="Minimap" />
                <ConnectionHint nodesById={nodesById} edges={graph.edges} />
              </ReactFlow>
              {hint ? (
                <p
                  role="status"
                  className="absolute bottom-3 left-1/2 z-10 -translate-x-1/2 rounded bg-slate-900/90 px-3 py-1.5 text-sm text-white"
                  data-testid="editor-hint"
                >
                  {hint}
                  <button
                    type="button"
                    className="ml-3 text-slate-300 underline"
                    onClick={() => setHint(null)}
                  >
                    dismiss
                  </button>
                </p>
              ) : null}
            </div>
            {previewOpen ? (
              <section
                aria-label="Preview"
                className="h-[42%] shrink-0 overflow-y-auto border-t border-slate-200 bg-white p-3"
              >
                <PreviewPanel
                  mappingId={props.mappingId}
                  plan={compiled?.plan ?? null}
                  errorCount={errorCount}
                />
              </section>
            ) : null}
          </div>
          <aside
            className="flex w-[26rem] shrink-0 flex-col border-l border-slate-200 bg-white"
            aria-label="Details"
          >
            <div role="tablist" className="flex border-b border-slate-200">
              {PANELS.map((name) => (
                <button
                  key={name}
                  role="tab"
                  type="button"
                  aria-selected={panel === name}
                  className={`flex-1 px-2 py-2 text-sm ${panel === name ? "border-b-2 border-sky-600 font-semibold text-sky-800" : "text-slate-600"}`}
                  onClick={() => setPanel(name)}
                >
                  {PANEL_TITLES[name]}
                  {name === "problems" && diagnostics.length > 0 ? ` (${diagnostics.length})` : ""}
                </button>
              ))}
            </div>
            <div
              role="tabpanel"
              aria-label={PANEL_TITLES[panel]}
              className="min-h-0 flex-1 overflow-y-auto p-3"
            >
              {panel === "inspect" ? (
                <InspectorPanel
                  graph={panelGraph.current}
                  selection={selection}
                  diagnostics={diagnosticIndex}
                  commit={commit}
                  document={document}
                />
              ) : null}
              {panel === "problems" ? (
                <DiagnosticsPanel
                  diagnostics={diagnostics}
                  compileMs={compiled?.compileMs ?? null}
                  onFocus={focusDiagnostic}
                />
              ) : null}
              {panel === "versions" ? (
                <VersionsPanel
                  mappingId={props.mappingId}
                  plan={compiled?.plan ?? null}
                  errorCount={errorCount}
                  flushDraft={autosave.flush}
                  currentDocument={document}
                  onImport={replaceDocument}
                  onServerDocument={adoptServerDocument}
                />
              ) : null}
            </div>
          </aside>
        </div>
      </div>
      {helpOpen ? <ShortcutsHelp onClose={() => setHelpOpen(false)} /> : null}
      {connectOpen ? (
        <ConnectDialog
          nodes={graph.nodes}
          edges={graph.edges}
          preferredSource={selection.nodes[0] ?? null}
          onConnect={(connection) => {
            if (connect(connection)) setConnectOpen(false);
          }}
          onClose={() => setConnectOpen(false)}
        />
      ) : null}
    </EditorContext.Provider>
  );
}

function ToolbarButton(props: {
  label: string;
  shortcut?: string;
  disabled?: boolean;
  pressed?: boolean;
  onClick: () => void;
}) {
  return (
    <button
      type="button"
      className="rounded border border-slate-200 px-2 py-1 text-sm text-slate-700 hover:bg-slate-100 disabled:opacity-40"
      onClick={props.onClick}
      disabled={props.disabled}
      title={props.shortcut ? `${props.label} (${props.shortcut})` : props.label}
      aria-keyshortcuts={props.shortcut}
      aria-pressed={props.pressed}
    >
      {props.label}
    </button>
  );
}
