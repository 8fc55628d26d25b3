import type { NodeKind, NodeOfKind, ValueKind } from "@tandem/mapping";
import type { NodeTypes } from "@xyflow/react";
import type { ComponentType } from "react";
import type { EditorGraph, FlowNodeOfKind } from "../flow-types";

export type TransformKind = Exclude<NodeKind, "side">;
export type NodeData<K extends NodeKind> = NodeOfKind<K>["data"];

/** The palette's sections, in the order it shows them. */
export const PALETTE_GROUPS = ["Transforms", "Rules"] as const;
export type PaletteGroup = (typeof PALETTE_GROUPS)[number];

export interface KindInspectorProps<K extends NodeKind> {
  node: FlowNodeOfKind<K>;
  graph: EditorGraph;
  /** Every change is one undo step. */
  onChange: (data: NodeData<K>) => void;
}

/** The props of an inspector several kinds with the same parameters share. */
export type SharedInspectorProps<K extends NodeKind> = { [P in K]: KindInspectorProps<P> }[K];

/**
 * How the editor names, draws and edits one node kind. What the kind means (its schema, its
 * handles, how it compiles) belongs to @tandem/mapping; this is the editor's view of it.
 */
export interface NodeKindDescriptor<K extends NodeKind> {
  kind: K;
  /** Display name: the node's header, the inspector's heading, accessible names, the palette. */
  name: string;
  title(data: NodeData<K>): string;
  accessibleName(data: NodeData<K>): string;
  /** The canvas node (memoized), as React Flow's `nodeTypes` holds it. */
  component: NodeTypes[string];
  /** The kind's own settings in the inspector, below the label. */
  Inspector: ComponentType<KindInspectorProps<K>>;
  /** The coarse type leaving an output `handle` the node has, as the compiler will check it; `any` when left out. */
  outputKind?(data: NodeData<K>, handle: string): ValueKind;
  /** The coarse type an input `handle` the node has accepts; `any` when left out. */
  inputKind?(data: NodeData<K>, handle: string): ValueKind;
}

/** A kind a person adds from the palette: every kind but `side`. */
export interface TransformKindDescriptor<K extends TransformKind> extends NodeKindDescriptor<K> {
  palette: { group: PaletteGroup; hint: string };
  /** A new node's parameters; its label is the kind's name. */
  defaultData: Omit<NodeData<K>, "label">;
  /** One line under the node's title saying what it does. */
  summary(data: NodeData<K>): string;
  /** Tailwind background class of the node's header. */
  accent?: string;
}
