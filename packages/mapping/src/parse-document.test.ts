import { describe, expect, it } from "vitest";
import { MAPPING_FORMAT, mappingDocumentJsonSchema, NODE_KINDS } from "./document-schema";
import { parseMappingDocument } from "./parse-document";
import { edge, mappingDocument, side } from "../test/mapping-fixtures";

const valid = mappingDocument(
  [side("a", ["email"]), side("b", ["email"])],
  [edge("a.email", "b.email")],
);

function firstDiagnostic(input: unknown) {
  const result = parseMappingDocument(input);
  if (result.ok) throw new Error("expected the document to be refused");
  return result.diagnostics[0];
}

describe("parseMappingDocument", () => {
  it("reads a document from text or from a value", () => {
    expect(parseMappingDocument(valid).ok).toBe(true);
    expect(parseMappingDocument(JSON.stringify(valid)).ok).toBe(true);
  });

  it("refuses a 50 MB document before parsing it", () => {
    const huge = `{"format":"${MAPPING_FORMAT}","name":"${"x".repeat(50 * 1024 * 1024)}"}`;
    const started = performance.now();
    expect(firstDiagnostic(huge)).toMatchObject({ code: "document-too-large", severity: "error" });
    expect(performance.now() - started).toBeLessThan(50);
  });

  it("refuses too many nodes without validating each", () => {
    const nodes = Array.from({ length: 6000 }, (_, i) => ({ id: `n${i}` }));
    expect(firstDiagnostic({ format: MAPPING_FORMAT, name: "x", nodes, edges: [] })).toMatchObject({
      code: "document-too-large",
    });
  });

  it("names an unknown or missing format version", () => {
    expect(firstDiagnostic({ ...valid, format: "tandem.mapping/v2" })).toMatchObject({
      code: "unknown-format",
      message: expect.stringContaining('"tandem.mapping/v2" is not supported') as string,
    });
    expect(firstDiagnostic({ name: "x" })?.code).toBe("unknown-format");
  });

  it("names an unknown node kind and its node", () => {
    const document = {
      ...valid,
      nodes: [
        ...valid.nodes,
        { id: "weird", type: "teleport", position: { x: 0, y: 0 }, data: {} },
      ],
    };
    expect(firstDiagnostic(document)).toMatchObject({ code: "unknown-node-kind", nodeId: "weird" });
  });

  it("reports malformed JSON and schema violations with the node they concern", () => {
    expect(firstDiagnostic("{ not json")?.code).toBe("invalid-json");
    const badNode = {
      ...valid,
      nodes: [
        ...valid.nodes,
        {
          id: "m",
          type: "money",
          position: { x: 0, y: 0 },
          data: { from: "minor", to: "cents", currency: "USD" },
        },
      ],
    };
    expect(firstDiagnostic(badNode)).toMatchObject({ code: "invalid-document", nodeId: "m" });
  });

  it("refuses field names that would reach Object.prototype", () => {
    expect(
      firstDiagnostic(mappingDocument([side("a", ["__proto__"]), side("b", ["x"])], []))?.code,
    ).toBe("invalid-document");
  });

  it("exports a JSON Schema covering every node kind", () => {
    const schema = JSON.stringify(mappingDocumentJsonSchema());
    for (const kind of NODE_KINDS) expect(schema).toContain(`"const":"${kind}"`);
    expect(schema).toContain(MAPPING_FORMAT);
  });
});
