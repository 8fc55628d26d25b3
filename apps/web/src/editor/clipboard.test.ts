import { compileMapping } from "@tandem/mapping";
import { describe, expect, it } from "vitest";
import { copySelection, pasteClipboard } from "./clipboard";
import { graphToDocument } from "./flow-conversion";
import { templateGraph } from "../../test/editor-graphs";

describe("copy and paste", () => {
  it("pastes selected transforms with fresh ids and their incoming side edges, selected", () => {
    const graph = templateGraph();
    const selected = {
      ...graph,
      nodes: graph.nodes.map((node) => ({ ...node, selected: node.id === "pay-rate" })),
    };
    const clipboard = copySelection(selected);
    expect(clipboard?.nodes.map((node) => node.id)).toEqual(["pay-rate"]);
    const pasted = pasteClipboard(selected, clipboard!);
    const copy = pasted.nodes.find((node) => node.id === "pay-rate-copy");
    expect(copy?.selected).toBe(true);
    expect(pasted.nodes.find((node) => node.id === "pay-rate")?.selected).toBe(false);
    expect(
      pasted.edges.filter((edge) => edge.target === "pay-rate-copy").map((edge) => edge.source),
    ).toEqual(["a"]);
    const diagnostics = compileMapping(graphToDocument(pasted)).diagnostics;
    expect(diagnostics.some((d) => d.code === "duplicate-id")).toBe(false);
    expect(
      pasteClipboard(pasted, clipboard!).nodes.some((node) => node.id === "pay-rate-copy2"),
    ).toBe(true);
  });

  it("copies nothing when only sides are selected", () => {
    const graph = templateGraph();
    expect(
      copySelection({
        ...graph,
        nodes: graph.nodes.map((node) => ({ ...node, selected: node.type === "side" })),
      }),
    ).toBeNull();
  });
});
