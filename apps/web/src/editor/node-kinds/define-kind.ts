import { transformNodeComponent } from "../nodes/transform-node";
import type { NodeData, TransformKind, TransformKindDescriptor } from "./node-kind";

type TransformKindSpec<K extends TransformKind> = Omit<
  TransformKindDescriptor<K>,
  "title" | "accessibleName" | "component"
>;

/** A transform or rule kind: titled by its label, else its name; drawn by the transform node. */
export function defineTransformKind<K extends TransformKind>(
  spec: TransformKindSpec<K>,
): TransformKindDescriptor<K> {
  const title = (data: NodeData<K>) => (data as { label?: string }).label ?? spec.name;
  return {
    ...spec,
    title,
    accessibleName: (data) => `${spec.name} node: ${title(data)}`,
    component: transformNodeComponent({
      name: spec.name,
      accent: spec.accent,
      title,
      summary: spec.summary,
    }),
  };
}
