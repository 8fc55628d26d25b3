"use client";
import { nodeHandles, type MappingNode } from "@tandem/mapping";
import { useEffect, useMemo, useRef, useState } from "react";
import { checkConnection } from "../connection-rules";
import type { FlowEdge, FlowNode } from "../flow-types";
import { nodeTitle } from "../node-kinds";

interface HandleOption {
  value: string;
  node: string;
  handle: string;
  label: string;
}

const SEP = "\u0000";

function handleOptions(nodes: readonly FlowNode[], kind: "inputs" | "outputs") {
  return nodes.map((node) => ({
    group:
      node.type === "side"
        ? `Side ${node.data.side.toUpperCase()}: ${nodeTitle(node)}`
        : nodeTitle(node),
    options: nodeHandles(node as unknown as MappingNode)[kind].map((handle): HandleOption => ({
      value: `${node.id}${SEP}${handle}`,
      node: node.id,
      handle,
      label: node.type === "side" ? handle : `${nodeTitle(node)} · ${handle}`,
    })),
  }));
}

function HandleOptions({ groups }: { groups: ReturnType<typeof handleOptions> }) {
  return groups.map((group) =>
    group.options.length > 0 ? (
      <optgroup key={group.group} label={group.group}>
        {group.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </optgroup>
    ) : null,
  );
}

/** Creates an edge with the keyboard alone: pick an output, pick an input, press Connect. */
export function ConnectDialog(props: {
  nodes: readonly FlowNode[];
  edges: readonly FlowEdge[];
  preferredSource: string | null;
  onConnect: (connection: {
    source: string;
    sourceHandle: string;
    target: string;
    targetHandle: string;
  }) => void;
  onClose: () => void;
}) {
  const outputs = useMemo(() => handleOptions(props.nodes, "outputs"), [props.nodes]);
  const inputs = useMemo(() => handleOptions(props.nodes, "inputs"), [props.nodes]);
  const firstOutput =
    outputs.find((group) => group.options[0]?.node === props.preferredSource)?.options[0] ??
    outputs[0]?.options[0];
  const [from, setFrom] = useState(firstOutput?.value ?? "");
  const [to, setTo] = useState("");
  const fromSelect = useRef<HTMLSelectElement>(null);
  useEffect(() => fromSelect.current?.focus(), []);
  const nodesById = useMemo(
    () => new Map(props.nodes.map((node) => [node.id, node])),
    [props.nodes],
  );
  const [source = "", sourceHandle = ""] = from.split(SEP);
  const [target = "", targetHandle = ""] = to.split(SEP);
  const check = to
    ? checkConnection(nodesById, props.edges, { source, sourceHandle, target, targetHandle })
    : null;
  return (
    <div className="fixed inset-0 z-50 flex items-center justify-center bg-slate-900/40">
      <form
        role="dialog"
        aria-modal="true"
        aria-labelledby="connect-title"
        className="w-[30rem] space-y-3 rounded-lg bg-white p-5 shadow-xl"
        onSubmit={(event) => {
          event.preventDefault();
          if (check?.ok) props.onConnect({ source, sourceHandle, target, targetHandle });
        }}
        onKeyDown={(event) => {
          if (event.key === "Escape") props.onClose();
        }}
      >
        <h2 id="connect-title" className="text-lg font-semibold">
          Connect two handles
        </h2>
        <label className="block text-sm">
          From (an output)
          <select
            ref={fromSelect}
            className="mt-1 block w-full rounded border border-slate-300 p-1.5"
            value={from}
            onChange={(e) => setFrom(e.target.value)}
          >
            <HandleOptions groups={outputs} />
          </select>
        </label>
        <label className="block text-sm">
          To (an input)
          <select
            className="mt-1 block w-full rounded border border-slate-300 p-1.5"
            value={to}
            onChange={(e) => setTo(e.target.value)}
          >
            <option value="">Choose an input…</option>
            <HandleOptions groups={inputs} />
          </select>
        </label>
        {check && !check.ok ? (
          <p role="alert" className="text-sm text-rose-700">
            {check.reason}
          </p>
        ) : null}
        <div className="flex justify-end gap-2">
          <button type="button" className="rounded px-3 py-1.5 text-sm" onClick={props.onClose}>
            Cancel
          </button>
          <button
            type="submit"
            disabled={!check?.ok}
            className="rounded bg-sky-700 px-3 py-1.5 text-sm text-white disabled:opacity-40"
          >
            Connect
          </button>
        </div>
      </form>
    </div>
  );
}
