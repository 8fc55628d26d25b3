"use client";
import type { Connection, OnConnectEnd } from "@xyflow/react";
import { useCallback } from "react";
import { proposedFromHandles } from "./connection-hint";
import { orientConnection, type ProposedConnection } from "./connection-rules";
import type { EditorGraph, FlowEdge } from "./flow-types";
import type { EditorHistory } from "./use-editor-history";

const edgeId = (c: ProposedConnection) =>
  `${c.source}.${c.sourceHandle ?? ""}->${c.target}.${c.targetHandle ?? ""}`;

const check = (graph: EditorGraph, proposed: ProposedConnection) =>
  orientConnection(new Map(graph.nodes.map((n) => [n.id, n])), graph.edges, proposed);

/**
 * New edges, drawn or from the Connect dialog, checked by connection-rules.ts: an accepted one
 * is one undo step, a refused one says why. Every callback reads the latest graph and is stable,
 * so dragging nodes does not re-sync them into React Flow's store every frame.
 */
export function useConnect(
  { graphRef, commit }: Pick<EditorHistory, "graphRef" | "commit">,
  say: (hint: string) => void,
) {
  const connect = useCallback(
    (proposed: ProposedConnection): boolean => {
      const { connection, check: verdict } = check(graphRef.current, proposed);
      if (!verdict.ok) {
        say(verdict.reason);
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
      say(
        `Connected ${connection.sourceHandle ?? connection.source} → ${connection.targetHandle ?? connection.target}.`,
      );
      return true;
    },
    [graphRef, commit, say],
  );
  const onConnect = useCallback((connection: Connection) => void connect(connection), [connect]);
  const isValidConnection = useCallback(
    (connection: FlowEdge | Connection) =>
      check(graphRef.current, {
        source: connection.source,
        sourceHandle: connection.sourceHandle ?? null,
        target: connection.target,
        targetHandle: connection.targetHandle ?? null,
      }).check.ok,
    [graphRef],
  );
  /** A drag released on a handle that refuses it leaves the reason on screen. */
  const onConnectEnd = useCallback<OnConnectEnd>(
    (_, state) => {
      if (state.isValid !== false || !state.fromHandle || !state.toHandle) return;
      const verdict = check(
        graphRef.current,
        proposedFromHandles(state.fromHandle, state.toHandle),
      ).check;
      if (!verdict.ok) say(verdict.reason);
    },
    [graphRef, say],
  );
  return { connect, onConnect, isValidConnection, onConnectEnd };
}
