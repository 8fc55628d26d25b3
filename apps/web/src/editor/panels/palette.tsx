"use client";
import { PALETTE, type TransformKind } from "../node-kinds";

export const PALETTE_DRAG_TYPE = "application/x-tandem-node-kind";

/** Click (or Enter) adds a node in the middle of the view; dragging drops it where released. */
export function Palette({ onAdd }: { onAdd: (kind: TransformKind) => void }) {
  return (
    <nav
      aria-label="Node palette"
      className="w-44 shrink-0 overflow-y-auto border-r border-slate-200 bg-white p-2"
    >
      {PALETTE.map(({ group, kinds }) => (
        <section key={group} className="mb-3">
          <h2 className="mb-1 px-1 text-[11px] font-semibold tracking-wide text-slate-500 uppercase">
            {group}
          </h2>
          <ul className="space-y-1">
            {kinds.map((item) => (
              <li key={item.kind}>
                <button
                  type="button"
                  draggable
                  onDragStart={(event) => {
                    event.dataTransfer.setData(PALETTE_DRAG_TYPE, item.kind);
                    event.dataTransfer.effectAllowed = "copy";
                  }}
                  onClick={() => onAdd(item.kind)}
                  title={item.palette.hint}
                  aria-label={`Add ${item.name} node`}
                  className="w-full cursor-grab rounded border border-slate-200 px-2 py-1 text-left text-sm hover:border-sky-400 hover:bg-sky-50"
                >
                  {item.name}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </nav>
  );
}
