import { describe, expect, it } from "vitest";
import { checkConnection } from "./connection-rules";
import type { FlowNode } from "./flow-types";
import { createNode } from "./node-defaults";
import { byId, templateGraph } from "../../test/editor-graphs";

const graph = templateGraph();
const check = (
  source: string,
  sourceHandle: string,
  target: string,
  targetHandle: string,
  nodes = byId(graph),
  edges = graph.edges,
) => checkConnection(nodes, edges, { source, sourceHandle, target, targetHandle });

describe("checkConnection", () => {
  it("accepts a field into an unwritten field of the other side", () => {
    const withoutTitle = graph.edges.filter((edge) => edge.targetHandle !== "job.title");
    expect(check("a", "jobTitle", "b", "job.title", byId(graph), withoutTitle)).toEqual({
      ok: true,
    });
  });

  it("refuses an edge between two fields of the same side", () => {
    expect(check("a", "firstName", "a", "lastName")).toMatchObject({
      ok: false,
      reason: expect.stringContaining("side A") as string,
    });
  });

  it("refuses a target field that another edge already writes, naming the writer", () => {
    const result = check("a", "lastName", "b", "first_name");
    expect(result).toMatchObject({ ok: false });
    expect(!result.ok && result.reason).toContain("firstName");
  });

  it("refuses text into a number at the handle, saying both types", () => {
    const money = createNode("money", { x: 0, y: 0 }, new Set());
    if (money.type !== "money") throw new Error("expected a money node");
    const minor: FlowNode = { ...money, data: { ...money.data, from: "minor" } };
    const nodes = byId({ ...graph, nodes: [...graph.nodes, minor] });
    const result = check("a", "firstName", minor.id, "in", nodes);
    expect(result).toMatchObject({ ok: false });
    expect(!result.ok && result.reason).toMatch(/gives text.*expects a number/);
  });

  it("refuses transform outputs into a conflict rule and the wrong side into a match key", () => {
    expect(check("pay-rate", "out", "payroll-owns-pay", "fields")).toMatchObject({ ok: false });
    expect(check("b", "work_email", "match-work-email", "a")).toMatchObject({
      ok: false,
      reason: expect.stringContaining("side A") as string,
    });
  });

  it("refuses an edge that would close a loop through transforms", () => {
    const first = createNode("default", { x: 0, y: 0 }, new Set());
    const second = createNode("default", { x: 0, y: 0 }, new Set([first.id]));
    const nodes = byId({ ...graph, nodes: [...graph.nodes, first, second] });
    const edges = [
      ...graph.edges,
      {
        id: "loop-1",
        type: "mapping" as const,
        source: first.id,
        sourceHandle: "out",
        target: second.id,
        targetHandle: "in",
        data: { oneWay: false },
      },
    ];
    expect(check(second.id, "out", first.id, "in", nodes, edges)).toMatchObject({
      ok: false,
      reason: expect.stringContaining("loop") as string,
    });
  });

  it("refuses a handle that does not exist", () => {
    expect(check("a", "noSuchField", "b", "department")).toMatchObject({ ok: false });
  });
});
