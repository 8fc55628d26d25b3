"use client";
import { useConnection, type Handle } from "@xyflow/react";
import { useMemo } from "react";
import { orientConnection, type ProposedConnection } from "./connection-rules";
import type { FlowEdge, FlowNode } from "./flow-types";

type HandleEnd = Pick<Handle, "nodeId" | "id" | "type">;

/** A drag may start at either end; the connection always runs from a source to a target. */
export function proposedFromHandles(from: HandleEnd, to: HandleEnd): ProposedConnection {
  const [source, target] = from.type === "source" ? [from, to] : [to, from];
  return {
    source: source.nodeId,
    sourceHandle: source.id ?? null,
    target: target.nodeId,
    targetHandle: target.id ?? null,
  };
}

/** While an edge is being dragged over a handle that refuses it, says why. */
export function ConnectionHint(props: { nodes: readonly FlowNode[]; edges: readonly FlowEdge[] }) {
  const connection = useConnection();
  const reason = useMemo(() => {
    if (!connection.inProgress || !connection.toHandle) return null;
    const { check } = orientConnection(
      new Map(props.nodes.map((node) => [node.id, node])),
      props.edges,
      proposedFromHandles(connection.fromHandle, connection.toHandle),
    );
    return check.ok ? null : check.reason;
  }, [connection, props.nodes, props.edges]);
  if (!reason) return null;
  return (
    <div
      role="alert"
      className="absolute top-3 left-1/2 z-10 -translate-x-1/2 rounded bg-rose-700 px-3 py-1.5 text-sm text-white shadow"
      data-testid="connection-refused"
    >
      Can’t connect: {reason}
    </div>
  );
}
