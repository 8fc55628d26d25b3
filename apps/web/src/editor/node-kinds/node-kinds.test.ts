import { NODE_KINDS, parseMappingDocument } from "@tandem/mapping";
import { describe, expect, it } from "vitest";
import { graphToDocument } from "../flow-conversion";
import { createNode } from "../node-defaults";
import { templateGraph } from "../../../test/editor-graphs";
import { nodeKind, PALETTE } from ".";

const paletteKinds = PALETTE.flatMap((group) => group.kinds.map((descriptor) => descriptor.kind));

describe("node kind descriptors", () => {
  it("describe every kind of the mapping language under its own name", () => {
    for (const kind of NODE_KINDS) expect(nodeKind(kind).kind).toBe(kind);
  });

  it("offer every kind but the sides in the palette, once", () => {
    expect([...paletteKinds].sort()).toEqual(NODE_KINDS.filter((k) => k !== "side").sort());
  });

  it.each(paletteKinds)("give a new %s node valid parameters, labelled with the kind", (kind) => {
    const graph = templateGraph();
    const node = createNode(kind, { x: 0, y: 0 }, new Set(graph.nodes.map((n) => n.id)));
    expect(node.data.label).toBe(nodeKind(kind).name);
    const parsed = parseMappingDocument(
      graphToDocument({ ...graph, nodes: [...graph.nodes, node] }),
    );
    expect(parsed.ok).toBe(true);
  });
});
