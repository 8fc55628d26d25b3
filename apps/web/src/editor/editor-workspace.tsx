"use client";
import type { MappingDocument } from "@tandem/mapping";
import type { OnSelectionChangeParams } from "@xyflow/react";
import { useCallback, useMemo, useState } from "react";
import { autoLayout } from "./auto-layout";
import { DetailsSidebar, type DetailPanel } from "./details-sidebar";
import { EditorCanvas } from "./editor-canvas";
import { EditorContext, type EditorContextValue } from "./editor-context";
import { EditorHint, useEditorHint } from "./editor-hint";
import { EditorToolbar } from "./editor-toolbar";
import { documentToGraph, withData } from "./flow-conversion";
import type { FlowEdge, FlowNode } from "./flow-types";
import { ConnectDialog } from "./panels/connect-dialog";
import { DiagnosticsPanel } from "./panels/diagnostics-panel";
import { InspectorPanel } from "./panels/inspector-panel";
import { Palette } from "./panels/palette";
import { PreviewPanel } from "./panels/preview-panel";
import { ShortcutsHelp } from "./panels/shortcuts-help";
import { VersionsPanel } from "./panels/versions-panel";
import { useAddNode } from "./use-add-node";
import { useCanvasChanges } from "./use-canvas-changes";
import { useClipboard } from "./use-clipboard";
import { useCompiler } from "./use-compiler";
import { useConnect } from "./use-connect";
import { useDerivedDocument } from "./use-derived-document";
import { useDiagnostics } from "./use-diagnostics";
import { useDocumentReplacement } from "./use-document-replacement";
import { useDraftAutosave } from "./use-draft-autosave";
import { useEdgeDirections } from "./use-edge-directions";
import { useEditorHistory } from "./use-editor-history";
import { useEditorShortcuts } from "./use-editor-shortcuts";
import { useFocusNode } from "./use-focus-node";
import { useNodeDrag } from "./use-node-drag";
import { useViewport } from "./use-viewport";

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

/** The mapping editor: toolbar, palette, canvas, preview dock and details, over one history. */
export function EditorWorkspace(props: EditorWorkspaceProps) {
  const history = useEditorHistory(() => documentToGraph(props.document));
  const { graph, commit, transient } = history;
  const [panel, setPanel] = useState<DetailPanel>("inspect");
  const inspect = useCallback(() => setPanel("inspect"), []);
  const [helpOpen, setHelpOpen] = useState(false);
  const [previewOpen, setPreviewOpen] = useState(false);
  const [connectOpen, setConnectOpen] = useState(false);
  const [selection, setSelection] = useState<{ nodes: string[]; edges: string[] }>({
    nodes: [],
    edges: [],
  });
  const onSelectionChange = useCallback(
    ({ nodes, edges }: OnSelectionChangeParams<FlowNode, FlowEdge>) =>
      setSelection({ nodes: nodes.map((n) => n.id), edges: edges.map((e) => e.id) }),
    [],
  );

  const { hint, say, dismiss } = useEditorHint();
  const viewport = useViewport(graph);
  const drag = useNodeDrag(history);
  const changes = useCanvasChanges(history, drag.isDragging);
  const connections = useConnect(history, say);
  const clipboard = useClipboard(history, say);
  const focus = useFocusNode(history, viewport, inspect);
  const palette = useAddNode(history, viewport, inspect);

  const document = useDerivedDocument(graph);
  const compiled = useCompiler(document);
  const problems = useDiagnostics(compiled);
  const autosave = useDraftAutosave({
    mappingId: props.mappingId,
    document,
    revision: props.revision,
    savedText: props.savedText,
  });
  const replacement = useDocumentReplacement(history, viewport.fitViewNextFrame, autosave.adopt);

  const directions = useEdgeDirections(graph);
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
      diagnostics: problems.index,
      edgeDirections: directions,
      highlightedField: focus.highlightedField,
      updateNodeData,
    }),
    [problems.index, directions, focus.highlightedField, updateNodeData],
  );

  const layout = useCallback(() => {
    commit((current) => ({ ...current, nodes: autoLayout(current.nodes, current.edges) }));
    viewport.fitViewNextFrame();
  }, [commit, viewport]);
  const togglePreview = useCallback(() => setPreviewOpen((open) => !open), []);
  const openConnect = useCallback(() => setConnectOpen(true), []);

  useEditorShortcuts({
    undo: history.undo,
    redo: history.redo,
    ...clipboard,
    selectAll: () =>
      transient((current) => ({
        ...current,
        nodes: current.nodes.map((n) => ({ ...n, selected: true })),
      })),
    fitView: viewport.fitView,
    layout,
    connect: openConnect,
    search: () => window.document.getElementById("field-search")?.focus(),
    help: () => setHelpOpen((open) => !open),
    preview: togglePreview,
    escape: () => {
      setHelpOpen(false);
      setConnectOpen(false);
    },
  });

  return (
    <EditorContext.Provider value={context}>
      <div className="flex h-full flex-col" data-compiled={compiled ? "true" : "false"}>
        <EditorToolbar
          mappingName={props.mappingName}
          canUndo={history.canUndo}
          canRedo={history.canRedo}
          onUndo={history.undo}
          onRedo={history.redo}
          onLayout={layout}
          onFitView={viewport.fitView}
          onConnect={openConnect}
          previewOpen={previewOpen}
          onTogglePreview={togglePreview}
          nodes={graph.nodes}
          onPickField={focus.focusField}
          errorCount={problems.errorCount}
          warningCount={problems.warningCount}
          onShowProblems={() => setPanel("problems")}
          saveStatus={autosave.status}
          restoredLocally={props.restoredLocally}
          onHelp={() => setHelpOpen(true)}
        />
        <div className="flex min-h-0 flex-1">
          <Palette onAdd={palette.addNode} />
          <div className="flex min-w-0 flex-1 flex-col">
            <EditorCanvas
              graph={graph}
              initialViewport={viewport.initial}
              onDrop={palette.onDrop}
              {...changes}
              onConnect={connections.onConnect}
              onConnectEnd={connections.onConnectEnd}
              isValidConnection={connections.isValidConnection}
              onNodeDragStart={drag.onNodeDragStart}
              onNodeDragStop={drag.onNodeDragStop}
              onSelectionChange={onSelectionChange}
            >
              <EditorHint hint={hint} onDismiss={dismiss} />
            </EditorCanvas>
            {previewOpen ? (
              <section
                aria-label="Preview"
                className="h-[42%] shrink-0 overflow-y-auto border-t border-slate-200 bg-white p-3"
              >
                <PreviewPanel
                  mappingId={props.mappingId}
                  plan={compiled?.plan ?? null}
                  errorCount={problems.errorCount}
                />
              </section>
            ) : null}
          </div>
          <DetailsSidebar
            panel={panel}
            onPanel={setPanel}
            problemCount={problems.diagnostics.length}
          >
            {panel === "inspect" ? (
              <InspectorPanel
                graph={drag.panelGraph}
                selection={selection}
                diagnostics={problems.index}
                commit={commit}
                document={document}
              />
            ) : null}
            {panel === "problems" ? (
              <DiagnosticsPanel
                diagnostics={problems.diagnostics}
                compileMs={compiled?.compileMs ?? null}
                onFocus={focus.focusDiagnostic}
              />
            ) : null}
            {panel === "versions" ? (
              <VersionsPanel
                mappingId={props.mappingId}
                plan={compiled?.plan ?? null}
                errorCount={problems.errorCount}
                flushDraft={autosave.flush}
                currentDocument={document}
                onImport={replacement.importDocument}
                onServerDocument={replacement.adoptServerDocument}
              />
            ) : null}
          </DetailsSidebar>
        </div>
      </div>
      {helpOpen ? <ShortcutsHelp onClose={() => setHelpOpen(false)} /> : null}
      {connectOpen ? (
        <ConnectDialog
          nodes={graph.nodes}
          edges={graph.edges}
          preferredSource={selection.nodes[0] ?? null}
          onConnect={(connection) => {
            if (connections.connect(connection)) setConnectOpen(false);
          }}
          onClose={() => setConnectOpen(false)}
        />
      ) : null}
    </EditorContext.Provider>
  );
}
