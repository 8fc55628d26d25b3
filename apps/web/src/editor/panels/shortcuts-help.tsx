"use client";
import { useEffect, useRef } from "react";
import { SHORTCUTS } from "../use-editor-shortcuts";

export function ShortcutsHelp({ onClose }: { onClose: () => void }) {
  const closeButton = useRef<HTMLButtonElement>(null);
  useEffect(() => closeButton.current?.focus(), []);
  return (
    <div
      className="fixed inset-0 z-50 flex items-center justify-center bg-slate-900/40"
      onClick={onClose}
    >
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby="shortcuts-title"
        className="w-[32rem] rounded-lg bg-white p-5 shadow-xl"
        onClick={(event) => event.stopPropagation()}
      >
        <h2 id="shortcuts-title" className="mb-3 text-lg font-semibold">
          Keyboard shortcuts
        </h2>
        <table className="w-full text-sm">
          <tbody>
            {SHORTCUTS.map((shortcut) => (
              <tr key={shortcut.keys} className="border-t border-slate-100">
                <td className="py-1 pr-4 font-mono text-xs whitespace-nowrap">{shortcut.keys}</td>
                <td className="py-1">{shortcut.action}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <button
          ref={closeButton}
          type="button"
          className="mt-4 rounded bg-slate-800 px-3 py-1.5 text-sm text-white"
          onClick={onClose}
        >
          Close
        </button>
      </div>
    </div>
  );
}
