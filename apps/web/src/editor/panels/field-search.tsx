"use client";
import { useId, useMemo, useState } from "react";
import type { FlowNode } from "../flow-types";

const MAX_RESULTS = 12;

export function FieldSearch(props: {
  nodes: readonly FlowNode[];
  onPick: (side: "a" | "b", field: string) => void;
}) {
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const listId = useId();
  const fields = useMemo(
    () =>
      props.nodes.flatMap((node) =>
        node.type === "side"
          ? node.data.fields.map((field) => ({
              side: node.data.side,
              field: field.id,
              label: field.label ?? "",
            }))
          : [],
      ),
    [props.nodes],
  );
  const matches = useMemo(() => {
    const needle = query.trim().toLowerCase();
    if (!needle) return [];
    return fields
      .filter(
        (f) => f.field.toLowerCase().includes(needle) || f.label.toLowerCase().includes(needle),
      )
      .slice(0, MAX_RESULTS);
  }, [fields, query]);
  const pick = (index: number) => {
    const match = matches[index];
    if (!match) return;
    props.onPick(match.side, match.field);
    setQuery("");
  };
  return (
    <div className="relative">
      <input
        id="field-search"
        type="search"
        role="combobox"
        aria-expanded={matches.length > 0}
        aria-controls={listId}
        aria-activedescendant={matches.length > 0 ? `${listId}-${active}` : undefined}
        aria-label="Search for a field"
        placeholder="Search fields  /"
        className="w-48 rounded border border-slate-300 px-2 py-1 text-sm"
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
        }}
        onKeyDown={(event) => {
          if (event.key === "ArrowDown") setActive((i) => Math.min(i + 1, matches.length - 1));
          else if (event.key === "ArrowUp") setActive((i) => Math.max(i - 1, 0));
          else if (event.key === "Enter") pick(active);
          else return;
          event.preventDefault();
        }}
      />
      {matches.length > 0 ? (
        <ul
          id={listId}
          role="listbox"
          className="absolute top-full left-0 z-20 mt-1 w-72 rounded border border-slate-200 bg-white shadow-lg"
        >
          {matches.map((match, index) => (
            <li
              key={`${match.side}.${match.field}`}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === active}
              className={`cursor-pointer px-2 py-1 text-sm ${index === active ? "bg-sky-100" : ""}`}
              onMouseDown={(event) => {
                event.preventDefault();
                pick(index);
              }}
            >
              <span className="mr-2 rounded bg-slate-200 px-1 text-xs font-bold">
                {match.side.toUpperCase()}
              </span>
              <span className="font-mono">{match.field}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
