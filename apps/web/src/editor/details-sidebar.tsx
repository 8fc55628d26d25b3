"use client";
import type { ReactNode } from "react";

export const DETAIL_PANELS = ["inspect", "problems", "versions"] as const;
export type DetailPanel = (typeof DETAIL_PANELS)[number];
const TITLES: Record<DetailPanel, string> = {
  inspect: "Inspect",
  problems: "Problems",
  versions: "Versions",
};

/** The tabs right of the canvas; `children` is the open tab's content. */
export function DetailsSidebar(props: {
  panel: DetailPanel;
  onPanel: (panel: DetailPanel) => void;
  problemCount: number;
  children: ReactNode;
}) {
  return (
    <aside
      className="flex w-[26rem] shrink-0 flex-col border-l border-slate-200 bg-white"
      aria-label="Details"
    >
      <div role="tablist" className="flex border-b border-slate-200">
        {DETAIL_PANELS.map((name) => (
          <button
            key={name}
            role="tab"
            type="button"
            aria-selected={props.panel === name}
            className={`flex-1 px-2 py-2 text-sm ${props.panel === name ? "border-b-2 border-sky-600 font-semibold text-sky-800" : "text-slate-600"}`}
            onClick={() => props.onPanel(name)}
          >
            {TITLES[name]}
            {name === "problems" && props.problemCount > 0 ? ` (${props.problemCount})` : ""}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        aria-label={TITLES[props.panel]}
        className="min-h-0 flex-1 overflow-y-auto p-3"
      >
        {props.children}
      </div>
    </aside>
  );
}
