import { bambooHrGustoTemplate, parseMappingDocument } from "@tandem/mapping";
import { documentToGraph } from "../src/editor/flow-conversion";
import type { EditorGraph } from "../src/editor/flow-types";

/** The BambooHR ⇄ Gusto template as the canvas holds it. */
export function templateGraph(): EditorGraph {
  const parsed = parseMappingDocument(bambooHrGustoTemplate);
  if (!parsed.ok) throw new Error(parsed.diagnostics.map((d) => d.message).join("; "));
  return documentToGraph(parsed.document);
}

export const byId = (graph: EditorGraph) => new Map(graph.nodes.map((node) => [node.id, node]));
