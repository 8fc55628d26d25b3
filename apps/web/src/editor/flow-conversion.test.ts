import fc from "fast-check";
import { compileMapping, MAPPING_TEMPLATES, parseMappingDocument } from "@tandem/mapping";
import { describe, expect, it } from "vitest";
import { documentToGraph, graphToDocument } from "./flow-conversion";

describe("documentToGraph / graphToDocument", () => {
  it.each(MAPPING_TEMPLATES.map((template) => [template.name, template] as const))(
    "gives back a document with the same plan: %s",
    (_, template) => {
      const parsed = parseMappingDocument(template);
      if (!parsed.ok) throw new Error("template does not parse");
      const again = parseMappingDocument(graphToDocument(documentToGraph(parsed.document)));
      expect(again.ok && again.document).toEqual(parsed.document);
      expect(compileMapping(graphToDocument(documentToGraph(parsed.document))).plan?.hash).toBe(
        compileMapping(template).plan?.hash,
      );
    },
  );

  it("moving nodes on the canvas never changes the plan", () => {
    const parsed = parseMappingDocument(MAPPING_TEMPLATES[0]);
    if (!parsed.ok) throw new Error("template does not parse");
    const hash = compileMapping(parsed.document).plan?.hash;
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.double({ noNaN: true, min: -1e5, max: 1e5 }),
            fc.double({ noNaN: true, min: -1e5, max: 1e5 }),
          ),
        ),
        (moves) => {
          const graph = documentToGraph(parsed.document);
          const moved = {
            ...graph,
            nodes: graph.nodes.map((node, i) => {
              const move = moves[i % Math.max(moves.length, 1)];
              return move ? { ...node, position: { x: move[0], y: move[1] } } : node;
            }),
          };
          expect(compileMapping(graphToDocument(moved)).plan?.hash).toBe(hash);
        },
      ),
      { numRuns: 40 },
    );
  });
});
