import { describe, expect, it } from "vitest";
import { edgeDirections, sidesOf } from "./edge-direction";
import { templateGraph } from "../../test/editor-graphs";

describe("edgeDirections", () => {
  const graph = templateGraph();
  const directions = edgeDirections(sidesOf(graph.nodes), graph.edges);
  const into = (target: string, handle: string) =>
    directions.get(
      graph.edges.find((edge) => edge.target === target && edge.targetHandle === handle)!.id,
    );

  it("draws a two-way rename as both ways", () => {
    expect(into("b", "first_name")).toBe("both");
  });

  it("draws a one-way flow, and every edge upstream of it, as A→B", () => {
    expect(into("b", "current_employment_status")).toBe("aToB");
    expect(into("employment-type", "in")).toBe("aToB");
  });

  it("gives an edge feeding a transform the direction of the flow it belongs to", () => {
    expect(into("pay-rate", "in")).toBe("both");
  });

  it("draws edges into rules as rules", () => {
    expect(into("payroll-owns-pay", "fields")).toBe("rule");
  });

  it("covers every edge", () => {
    expect(directions.size).toBe(graph.edges.length);
  });
});
