import type { FieldType } from "@tandem/hr-model";
import { MAPPING_FORMAT, type MappingDocumentInput } from "../src/document-schema";

type NodeInput = MappingDocumentInput["nodes"][number];
type EdgeInput = MappingDocumentInput["edges"][number];
type FieldInput = { id: string; type?: FieldType; required?: boolean; enumValues?: string[] };

let position = 0;
const nextPosition = () => ({ x: (position += 40), y: position % 300 });

/** A side node with the given fields, typed `string` unless said otherwise. */
export function side(which: "a" | "b", fields: (string | FieldInput)[], id = which): NodeInput {
  return {
    id,
    type: "side",
    position: nextPosition(),
    data: {
      side: which,
      system: which === "a" ? "hris" : "payroll",
      entity: "Employee",
      fields: fields.map((field) =>
        typeof field === "string" ? { id: field, type: "string" } : { type: "string", ...field },
      ),
    },
  };
}

/** A transform or policy node of any kind. */
export function node(
  id: string,
  type: NodeInput["type"],
  data: Record<string, unknown>,
): NodeInput {
  return { id, type, position: nextPosition(), data } as NodeInput;
}

/** An edge written "node.handle" → "node.handle"; the first dot separates the node id. */
export function edge(
  from: string,
  to: string,
  options: { id?: string; oneWay?: boolean } = {},
): EdgeInput {
  const split = (ref: string) => {
    const dot = ref.indexOf(".");
    return [ref.slice(0, dot), ref.slice(dot + 1)] as const;
  };
  const [source, sourceHandle] = split(from);
  const [target, targetHandle] = split(to);
  return {
    id: options.id ?? `${from}->${to}`,
    source,
    sourceHandle,
    target,
    targetHandle,
    ...(options.oneWay ? { data: { oneWay: true } } : {}),
  };
}

/** A document with a work-email match key, so tests only add what they are about. */
export function mappingDocument(
  nodes: NodeInput[],
  edges: EdgeInput[],
  options: { matchKey?: boolean } = {},
): MappingDocumentInput {
  const withKey = options.matchKey ?? true;
  return {
    format: MAPPING_FORMAT,
    name: "test mapping",
    nodes: withKey ? [...nodes, node("key", "matchKey", { normalize: "case-insensitive" })] : nodes,
    edges: withKey ? [...edges, edge("a.email", "key.a"), edge("b.email", "key.b")] : edges,
  };
}
