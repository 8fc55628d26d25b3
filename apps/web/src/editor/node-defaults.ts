import { nodeAccessibleName, transformKind, type TransformKind } from "./node-kinds";
import { precomputedGeometry } from "./flow-conversion";
import type { FlowNode } from "./flow-types";

export function newNodeId(kind: TransformKind, taken: ReadonlySet<string>): string {
  for (;;) {
    const id = `${kind}-${crypto.randomUUID().slice(0, 8)}`;
    if (!taken.has(id)) return id;
  }
}

/** A new node of `kind` with its kind's default parameters, labelled with the kind's name. */
export function createNode(
  kind: TransformKind,
  position: { x: number; y: number },
  taken: ReadonlySet<string>,
): FlowNode {
  const descriptor = transformKind(kind);
  const data = { label: descriptor.name, ...structuredClone(descriptor.defaultData) };
  const node = { type: kind, data } as Pick<FlowNode, "type" | "data">;
  return {
    id: newNodeId(kind, taken),
    type: kind,
    position,
    data,
    selected: true,
    ariaLabel: nodeAccessibleName(node),
    ...precomputedGeometry(node),
  } as FlowNode;
}
