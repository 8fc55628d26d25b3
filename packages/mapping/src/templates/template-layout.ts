import type { FieldType } from "@tandem/hr-model";
import { MAPPING_FORMAT, type MappingDocumentInput, type SideField } from "../document-schema";

type NodeInput = MappingDocumentInput["nodes"][number];
type EdgeInput = MappingDocumentInput["edges"][number];
type TransformInput = Omit<NodeInput, "position">;

const COLUMN = { a: 0, transform: 420, b: 840 } as const;
const ROW_HEIGHT = 130;

/** A side field; `required`/`nullable`/`sensitive` take the schema defaults unless given. */
export function field(
  id: string,
  type: FieldType,
  options: Partial<Omit<SideField, "id" | "type">> = {},
): SideField {
  return { id, type, required: false, nullable: true, sensitive: false, ...options };
}

/**
 * Assembles a template: sides in the outer columns, transforms and policies stacked in the
 * middle in the order given, edges written "node.handle".
 */
export function templateDocument(spec: {
  id: string;
  name: string;
  description: string;
  sideA: { system: string; entity: string; fields: SideField[] };
  sideB: { system: string; entity: string; fields: SideField[] };
  nodes: TransformInput[];
  edges: { from: string; to: string; oneWay?: boolean }[];
}): MappingDocumentInput {
  const nodes: NodeInput[] = [
    { id: "a", type: "side", position: { x: COLUMN.a, y: 0 }, data: { side: "a", ...spec.sideA } },
    { id: "b", type: "side", position: { x: COLUMN.b, y: 0 }, data: { side: "b", ...spec.sideB } },
    ...spec.nodes.map(
      (node, row) =>
        ({ ...node, position: { x: COLUMN.transform, y: row * ROW_HEIGHT } }) as NodeInput,
    ),
  ];
  const edges: EdgeInput[] = spec.edges.map(({ from, to, oneWay }) => {
    const [source = "", ...sourceHandle] = from.split(".");
    const [target = "", ...targetHandle] = to.split(".");
    return {
      id: `${from}->${to}`,
      source,
      sourceHandle: sourceHandle.join("."),
      target,
      targetHandle: targetHandle.join("."),
      ...(oneWay ? { data: { oneWay: true } } : {}),
    };
  });
  return {
    format: MAPPING_FORMAT,
    id: spec.id,
    name: spec.name,
    description: spec.description,
    nodes,
    edges,
  };
}
