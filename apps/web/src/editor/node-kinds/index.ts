import type { MappingNode, NodeKind } from "@tandem/mapping";
import type { NodeTypes } from "@xyflow/react";
import { coalesce } from "./coalesce";
import { concat } from "./concat";
import { condition } from "./condition";
import { conflictRule } from "./conflict-rule";
import { constant } from "./constant";
import { dateFormat } from "./date-format";
import { defaultValue } from "./default-value";
import { enumMap } from "./enum-map";
import { expression } from "./expression";
import { filter } from "./filter";
import { lookup } from "./lookup";
import { matchKey } from "./match-key";
import { money } from "./money";
import {
  PALETTE_GROUPS,
  type NodeKindDescriptor,
  type PaletteGroup,
  type TransformKind,
  type TransformKindDescriptor,
} from "./node-kind";
import { side } from "./side";
import { split } from "./split";

export type { TransformKind } from "./node-kind";

type Registry = { readonly side: NodeKindDescriptor<"side"> } & {
  readonly [K in TransformKind]: TransformKindDescriptor<K>;
};

/**
 * The editor's description of every node kind of @tandem/mapping: a kind without one does not
 * compile. Transforms are listed in palette order.
 */
const DESCRIPTORS: Registry = {
  side,
  enumMap,
  lookup,
  dateFormat,
  money,
  concat,
  split,
  constant,
  default: defaultValue,
  coalesce,
  condition,
  expression,
  conflictRule,
  matchKey,
  filter,
};

type AnyTransformKind = { [K in TransformKind]: TransformKindDescriptor<K> }[TransformKind];

/** The descriptor of a kind, typed for that kind (TypeScript cannot tie `type` to the registry entry itself). */
export function nodeKind<K extends NodeKind>(kind: K): NodeKindDescriptor<K> {
  return DESCRIPTORS[kind] as unknown as NodeKindDescriptor<K>;
}

export function transformKind<K extends TransformKind>(kind: K): TransformKindDescriptor<K> {
  return DESCRIPTORS[kind] as unknown as TransformKindDescriptor<K>;
}

const TRANSFORM_KINDS = Object.values(DESCRIPTORS).filter(
  (descriptor): descriptor is AnyTransformKind => descriptor.kind !== "side",
);

export const PALETTE: { group: PaletteGroup; kinds: AnyTransformKind[] }[] = PALETTE_GROUPS.map(
  (group) => ({
    group,
    kinds: TRANSFORM_KINDS.filter((descriptor) => descriptor.palette.group === group),
  }),
);

/** React Flow's `nodeTypes`: each kind's canvas component, keyed by kind. */
export const NODE_TYPES: NodeTypes = Object.fromEntries(
  Object.values(DESCRIPTORS).map((descriptor) => [descriptor.kind, descriptor.component]),
);

type Named = Pick<MappingNode, "type" | "data">;

export const nodeTitle = (node: Named): string => nodeKind(node.type).title(node.data);

export const nodeAccessibleName = (node: Named): string =>
  nodeKind(node.type).accessibleName(node.data);
