import {
  acceptsManyEdges,
  kindsCompatible,
  takesSideFieldsOnly,
  type MappingNode,
} from "@tandem/mapping";
import { inputKind, KIND_WORDS, outputKind } from "./handle-kinds";
import type { FlowEdge, FlowNode } from "./flow-types";
import { groupBy } from "./group-by";
import { nodeTitle } from "./node-kinds";

export interface ProposedConnection {
  source: string;
  sourceHandle: string | null;
  target: string;
  targetHandle: string | null;
}

export type ConnectionCheck = { ok: true } | { ok: false; reason: string };

const refuse = (reason: string): ConnectionCheck => ({ ok: false, reason });

function handleName(node: FlowNode, handle: string): string {
  if (node.type === "side") return `${nodeTitle(node)} · ${handle}`;
  return `${nodeTitle(node)} (${handle})`;
}

function reaches(edges: readonly FlowEdge[], from: string, to: string): boolean {
  const next = groupBy(edges, (edge) => edge.source);
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (id === to) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const edge of next.get(id) ?? []) stack.push(edge.target);
  }
  return false;
}

/**
 * Whether the canvas accepts a new edge, and if not, why, in words an operator understands.
 * The compiler checks the whole graph again; this refuses at the handle what can never work.
 */
export function checkConnection(
  nodesById: ReadonlyMap<string, FlowNode>,
  edges: readonly FlowEdge[],
  connection: ProposedConnection,
): ConnectionCheck {
  const source = nodesById.get(connection.source);
  const target = nodesById.get(connection.target);
  const sourceHandle = connection.sourceHandle ?? "";
  const targetHandle = connection.targetHandle ?? "";
  if (!source || !target) return refuse("One end of the edge is not on the canvas.");
  if (source.type === "side" && target.type === "side" && source.data.side === target.data.side)
    return refuse(
      `Both ends are on side ${source.data.side.toUpperCase()}; a mapping connects the two systems.`,
    );
  if (source.id === target.id) return refuse("A node cannot feed itself.");
  const from = outputKind(source, sourceHandle);
  const to = inputKind(target, targetHandle);
  if (from === null) return refuse(`${nodeTitle(source)} has no output "${sourceHandle}".`);
  if (to === null) return refuse(`${nodeTitle(target)} has no input "${targetHandle}".`);

  if (takesSideFieldsOnly(target)) {
    if (source.type !== "side")
      return refuse(`${nodeTitle(target)} takes side fields directly, not transform outputs.`);
    if (target.type === "matchKey" && source.data.side !== targetHandle)
      return refuse(
        `The "${targetHandle}" input of a match key takes a field of side ${targetHandle.toUpperCase()}.`,
      );
  }
  const duplicate = edges.find(
    (edge) =>
      edge.target === target.id &&
      edge.targetHandle === targetHandle &&
      !acceptsManyEdges(target as unknown as MappingNode, targetHandle),
  );
  if (duplicate) {
    const feeder = nodesById.get(duplicate.source);
    const what = target.type === "side" ? "is already written by" : "is already fed by";
    return refuse(
      `${handleName(target, targetHandle)} ${what} ${feeder ? handleName(feeder, duplicate.sourceHandle ?? "") : duplicate.source}; delete that edge first.`,
    );
  }
  if (
    edges.some(
      (edge) =>
        edge.source === source.id &&
        edge.sourceHandle === sourceHandle &&
        edge.target === target.id &&
        edge.targetHandle === targetHandle,
    )
  )
    return refuse("These two handles are already connected.");
  if (!kindsCompatible(from, to))
    return refuse(
      `${handleName(source, sourceHandle)} gives ${KIND_WORDS[from]}; ${handleName(target, targetHandle)} expects ${KIND_WORDS[to]}.`,
    );
  if (source.type !== "side" && target.type !== "side" && reaches(edges, target.id, source.id))
    return refuse("That edge would make a loop; a mapping flows one way through its transforms.");
  return { ok: true };
}

/**
 * Side fields have one handle used both ways, so a drag may run against the flow (from a
 * transform's input to a field, or from side B to a rule). The edge takes whichever way
 * round the rules accept; if neither, the reason given is for the way it was drawn.
 */
export function orientConnection(
  nodesById: ReadonlyMap<string, FlowNode>,
  edges: readonly FlowEdge[],
  connection: ProposedConnection,
): { connection: ProposedConnection; check: ConnectionCheck } {
  const check = checkConnection(nodesById, edges, connection);
  if (check.ok) return { connection, check };
  const swapped = {
    source: connection.target,
    sourceHandle: connection.targetHandle,
    target: connection.source,
    targetHandle: connection.sourceHandle,
  };
  const swappedCheck = checkConnection(nodesById, edges, swapped);
  return swappedCheck.ok ? { connection: swapped, check: swappedCheck } : { connection, check };
}
