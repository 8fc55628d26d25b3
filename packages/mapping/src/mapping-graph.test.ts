import { describe, expect, it } from "vitest";
import { compileMapping } from "./compile-mapping";
import type { DiagnosticCode } from "./diagnostic";
import { edge, mappingDocument, node, side } from "../test/mapping-fixtures";

const sides = () => [side("a", ["email", "first", "last"]), side("b", ["email", "name", "other"])];

function codes(document: unknown): DiagnosticCode[] {
  return compileMapping(document).diagnostics.map((diagnostic) => diagnostic.code);
}

function diagnostic(document: unknown, code: DiagnosticCode) {
  return compileMapping(document).diagnostics.find((candidate) => candidate.code === code);
}

describe("structural validation", () => {
  it("finds an edge to a node that does not exist", () => {
    const document = mappingDocument(sides(), [
      edge("a.email", "b.email"),
      edge("a.first", "ghost.in", { id: "e-ghost" }),
    ]);
    expect(diagnostic(document, "dangling-edge")).toMatchObject({
      edgeId: "e-ghost",
      severity: "error",
    });
  });

  it("finds an edge to a missing handle and lists the real ones", () => {
    const document = mappingDocument(sides(), [
      edge("a.email", "b.email"),
      edge("a.first", "b.nmae", { id: "typo" }),
    ]);
    expect(diagnostic(document, "missing-handle")).toMatchObject({
      edgeId: "typo",
      nodeId: "b",
      hint: expect.stringContaining("name") as string,
    });
  });

  it("refuses an edge between two fields of the same side", () => {
    expect(codes(mappingDocument(sides(), [edge("a.email", "a.first")]))).toContain(
      "same-side-edge",
    );
  });

  it("finds unconnected and doubly connected inputs", () => {
    const concat = node("c", "concat", { inputs: 2, separator: " " });
    const document = mappingDocument(
      [...sides(), concat],
      [edge("a.email", "b.email"), edge("a.first", "c.in1"), edge("c.out", "b.name")],
    );
    expect(diagnostic(document, "input-not-connected")).toMatchObject({
      nodeId: "c",
      message: expect.stringContaining("in2") as string,
    });
    const twice = mappingDocument(
      [...sides(), node("d", "default", { value: "x" })],
      [
        edge("a.email", "b.email"),
        edge("a.first", "d.in"),
        edge("a.last", "d.in"),
        edge("d.out", "b.name"),
      ],
    );
    expect(codes(twice)).toContain("input-connected-twice");
  });

  it("finds a field written twice", () => {
    const document = mappingDocument(sides(), [
      edge("a.email", "b.email"),
      edge("a.first", "b.name"),
      edge("a.last", "b.name"),
    ]);
    expect(diagnostic(document, "field-written-twice")).toMatchObject({ field: "b.name" });
  });

  it("refuses invalid JSONata with its position", () => {
    const expression = node("x", "expression", { expression: "first &", inputs: ["first"] });
    const document = mappingDocument(
      [...sides(), expression],
      [
        edge("a.email", "b.email"),
        edge("a.first", "x.first"),
        edge("x.out", "b.name", { oneWay: true }),
      ],
    );
    expect(diagnostic(document, "invalid-expression")).toMatchObject({
      nodeId: "x",
      hint: expect.stringContaining("character") as string,
    });
  });

  it.each(["$now()", "$millis()", "$random()", '$eval("1")', "($f := $now; $f())"])(
    "refuses the non-deterministic %s",
    (source) => {
      const expression = node("x", "expression", { expression: source, inputs: ["first"] });
      const document = mappingDocument(
        [...sides(), expression],
        [
          edge("a.email", "b.email"),
          edge("a.first", "x.first"),
          edge("x.out", "b.name", { oneWay: true }),
        ],
      );
      expect(diagnostic(document, "forbidden-expression-function")).toMatchObject({ nodeId: "x" });
    },
  );

  it("checks date patterns and expression conflict rules", () => {
    const date = node("d", "dateFormat", { from: "DD/MM/YY", to: "YYYY-MM-DD" });
    const rule = node("r", "conflictRule", { strategy: "expression" });
    const document = mappingDocument(
      [...sides(), date, rule],
      [
        edge("a.email", "b.email"),
        edge("a.first", "d.in"),
        edge("d.out", "b.name"),
        edge("a.first", "r.fields"),
      ],
    );
    const diagnostics = compileMapping(document).diagnostics.filter(
      (d) => d.code === "invalid-document",
    );
    expect(diagnostics.map((d) => d.nodeId).sort()).toEqual(["d", "r"]);
  });

  it("requires exactly one node per side", () => {
    expect(codes(mappingDocument([side("a", ["email"])], [], { matchKey: false }))).toContain(
      "side-missing",
    );
  });
});
