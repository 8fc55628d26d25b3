import { describe, expect, it } from "vitest";
import { autoLayout } from "./auto-layout";
import { templateGraph } from "../../test/editor-graphs";

describe("autoLayout", () => {
  const graph = templateGraph();
  const laidOut = autoLayout(graph.nodes, graph.edges);
  const x = (id: string) => laidOut.find((node) => node.id === id)!.position.x;

  it("puts side A left of every transform and side B right of them", () => {
    for (const node of laidOut.filter((n) => n.type !== "side")) {
      expect(node.position.x).toBeGreaterThan(x("a"));
      expect(node.position.x).toBeLessThan(x("b"));
    }
  });

  it("never stacks two transforms of a column on top of each other", () => {
    const columns = new Map<number, number[]>();
    for (const node of laidOut.filter((n) => n.type !== "side"))
      columns.set(node.position.x, [...(columns.get(node.position.x) ?? []), node.position.y]);
    for (const ys of columns.values()) {
      const sorted = [...ys].sort((p, q) => p - q);
      for (let i = 1; i < sorted.length; i++)
        expect(sorted[i]! - sorted[i - 1]!).toBeGreaterThanOrEqual(110);
    }
  });
});
