"use client";
import { fieldKind } from "@tandem/mapping";
import { SideNode, sideTitle } from "../nodes/side-node";
import type { KindInspectorProps, NodeData, NodeKindDescriptor } from "./node-kind";

function SideInspector({ node }: KindInspectorProps<"side">) {
  return (
    <p className="text-sm text-slate-600">
      {node.data.system} · {node.data.entity} · {node.data.fields.length} fields. Fields come from
      the connected system’s description; connect them to the other side directly or through
      transforms.
    </p>
  );
}

/** A side field's handle carries the field's own type, both ways. */
function fieldKindOf(data: NodeData<"side">, handle: string) {
  const field = data.fields.find((candidate) => candidate.id === handle);
  return field ? fieldKind(field.type) : "any";
}

export const side: NodeKindDescriptor<"side"> = {
  kind: "side",
  name: "Side",
  title: sideTitle,
  accessibleName: (data) => `Side ${data.side.toUpperCase()}: ${sideTitle(data)}`,
  component: SideNode,
  Inspector: SideInspector,
  outputKind: fieldKindOf,
  inputKind: fieldKindOf,
};
