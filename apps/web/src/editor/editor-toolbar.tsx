"use client";
import type { FlowNode } from "./flow-types";
import { FieldSearch } from "./panels/field-search";
import { SaveStatusLine } from "./save-status-line";
import type { SaveStatus } from "./use-draft-autosave";

export interface EditorToolbarProps {
  mappingName: string;
  canUndo: boolean;
  canRedo: boolean;
  onUndo: () => void;
  onRedo: () => void;
  onLayout: () => void;
  onFitView: () => void;
  onConnect: () => void;
  previewOpen: boolean;
  onTogglePreview: () => void;
  /** The field search looks through the side nodes' fields. */
  nodes: readonly FlowNode[];
  onPickField: (side: "a" | "b", field: string) => void;
  errorCount: number;
  warningCount: number;
  onShowProblems: () => void;
  saveStatus: SaveStatus;
  restoredLocally: boolean;
  onHelp: () => void;
}

/** The bar above the canvas: history, view, connect, preview, field search, problems, save state. */
export function EditorToolbar(props: EditorToolbarProps) {
  const { errorCount, warningCount } = props;
  return (
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
        disabled={!props.canUndo}
        onClick={props.onUndo}
      />
      <ToolbarButton
        label="Redo"
        shortcut="Ctrl+Shift+Z"
        disabled={!props.canRedo}
        onClick={props.onRedo}
      />
      <ToolbarButton label="Auto-layout" shortcut="L" onClick={props.onLayout} />
      <ToolbarButton label="Fit view" shortcut="F" onClick={props.onFitView} />
      <ToolbarButton label="Connect…" shortcut="C" onClick={props.onConnect} />
      <ToolbarButton
        label="Preview"
        shortcut="P"
        pressed={props.previewOpen}
        onClick={props.onTogglePreview}
      />
      <FieldSearch nodes={props.nodes} onPick={props.onPickField} />
      <button
        type="button"
        className="rounded px-2 py-1 text-sm text-slate-700 hover:bg-slate-100"
        onClick={props.onShowProblems}
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
      <SaveStatusLine status={props.saveStatus} restoredLocally={props.restoredLocally} />
      <ToolbarButton label="Shortcuts" shortcut="?" onClick={props.onHelp} />
    </div>
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
