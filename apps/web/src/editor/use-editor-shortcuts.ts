"use client";
import { useEffect, useRef } from "react";

export interface EditorShortcutActions {
  undo: () => void;
  redo: () => void;
  copy: () => void;
  paste: () => void;
  duplicate: () => void;
  selectAll: () => void;
  fitView: () => void;
  layout: () => void;
  connect: () => void;
  search: () => void;
  help: () => void;
  preview: () => void;
  escape: () => void;
}

/** Shown in the help panel; keep in step with the handler below. */
export const SHORTCUTS: { keys: string; action: string }[] = [
  { keys: "Ctrl/⌘ Z", action: "Undo" },
  { keys: "Ctrl/⌘ Shift Z, Ctrl Y", action: "Redo" },
  { keys: "Ctrl/⌘ C / V", action: "Copy / paste the selected nodes" },
  { keys: "Ctrl/⌘ D", action: "Duplicate the selected nodes" },
  { keys: "Ctrl/⌘ A", action: "Select all nodes" },
  { keys: "Delete, Backspace", action: "Delete the selection" },
  { keys: "Shift + drag", action: "Select with a box" },
  { keys: "Ctrl/⌘ + click", action: "Add to the selection" },
  { keys: "Tab, Enter", action: "Move focus between nodes, select the focused node" },
  { keys: "Arrow keys", action: "Move the selected nodes" },
  { keys: "C", action: "Connect two handles (keyboard dialog)" },
  { keys: "F", action: "Zoom to fit" },
  { keys: "L", action: "Auto-layout" },
  { keys: "P", action: "Show or hide the live preview" },
  { keys: "/ or Ctrl/⌘ F", action: "Search for a field" },
  { keys: "?", action: "Show this help" },
  { keys: "Esc", action: "Close dialogs" },
];

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

export function useEditorShortcuts(actions: EditorShortcutActions) {
  const current = useRef(actions);
  current.current = actions;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const a = current.current;
      if (event.key === "Escape") return a.escape();
      if (isTyping(event.target) || event.altKey) return;
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      const run = (action: () => void) => {
        event.preventDefault();
        action();
      };
      if (mod && key === "z") return run(event.shiftKey ? a.redo : a.undo);
      if (mod && key === "y") return run(a.redo);
      if (mod && key === "c") return run(a.copy);
      if (mod && key === "v") return run(a.paste);
      if (mod && key === "d") return run(a.duplicate);
      if (mod && key === "a") return run(a.selectAll);
      if (mod && key === "f") return run(a.search);
      if (mod) return;
      if (event.key === "?") return run(a.help);
      if (key === "/") return run(a.search);
      if (key === "f") return run(a.fitView);
      if (key === "l") return run(a.layout);
      if (key === "c") return run(a.connect);
      if (key === "p") return run(a.preview);
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, []);
}
