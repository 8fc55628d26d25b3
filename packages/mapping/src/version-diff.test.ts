import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MappingDocument } from "./document-schema";
import { bambooHrGustoTemplate, hrisBenefitDeductionsTemplate } from "./templates";
import { diffMappingDocuments, isEmptyDiff, summarizeDiff } from "./version-diff";

const templates = [bambooHrGustoTemplate, hrisBenefitDeductionsTemplate].map((t) =>
  MappingDocument.parse(t),
);
const gusto = MappingDocument.parse(bambooHrGustoTemplate);
const copy = (document: MappingDocument): MappingDocument => structuredClone(document);

function shuffled<T>(items: readonly T[], keys: readonly number[]): T[] {
  return items
    .map((item, index) => ({ item, key: keys[index % Math.max(keys.length, 1)] ?? 0, index }))
    .sort((x, y) => x.key - y.key || x.index - y.index)
    .map(({ item }) => item);
}

/** The same meaning, drawn differently: other order, positions, labels and edge ids. */
function redrawn(document: MappingDocument, keys: number[], offset: number): MappingDocument {
  const next = copy(document);
  next.nodes = shuffled(next.nodes, keys).map((node) => {
    const moved = {
      ...node,
      position: { x: node.position.x + offset, y: node.position.y - offset },
    };
    moved.data = { ...moved.data, label: `relabelled ${offset}` };
    if (moved.type === "side")
      moved.data = { ...moved.data, fields: shuffled(moved.data.fields, keys.slice().reverse()) };
    return moved;
  });
  next.edges = shuffled(next.edges, keys.slice(1)).map((edge, index) => ({
    ...edge,
    id: `e${index}-${offset}`,
  }));
  next.name = `${document.name} (copy)`;
  return next;
}

describe("diffMappingDocuments", () => {
  it("finds nothing between a document and itself", () => {
    for (const document of templates)
      expect(isEmptyDiff(diffMappingDocuments(document, copy(document)))).toBe(true);
  });

  it("ignores order, positions, labels and edge ids (property)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...templates),
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: -500, max: 500 }),
        (document, keys, offset) => {
          const diff = diffMappingDocuments(document, redrawn(document, keys, offset));
          expect(summarizeDiff(diff).text).toBe("no changes");
        },
      ),
      { numRuns: 100 },
    );
  });

  it("is symmetric: what one way adds, the other way removes (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30 }), (cut) => {
        const smaller = copy(gusto);
        const removed = smaller.edges.splice(cut % smaller.edges.length, 1);
        const forward = diffMappingDocuments(gusto, smaller);
        const backward = diffMappingDocuments(smaller, gusto);
        expect(removed).toHaveLength(1);
        expect(forward.flowsRemoved).toEqual(backward.flowsAdded);
        expect(forward.flowsAdded).toEqual(backward.flowsRemoved);
        expect(forward.rulesChanged.length).toBe(backward.rulesChanged.length);
      }),
      { numRuns: 30 },
    );
  });

  it("reports a field added to side B and its new flow", () => {
    const next = copy(gusto);
    const sideB = next.nodes.find((node) => node.type === "side" && node.data.side === "b");
    if (sideB?.type !== "side") throw new Error("template has no side B");
    sideB.data.fields.push({
      id: "nickname",
      type: "string",
      required: false,
      nullable: true,
      sensitive: false,
    });
    next.edges.push({
      id: "new",
      source: "a",
      sourceHandle: "preferredName",
      target: "b",
      targetHandle: "nickname",
      data: { oneWay: true },
    });
    const diff = diffMappingDocuments(gusto, next);
    expect(diff.fieldsAdded).toEqual([{ side: "b", field: "nickname" }]);
    expect(diff.flowsAdded).toEqual([
      { direction: "aToB", field: "nickname", via: [], origin: "drawn" },
    ]);
    expect(diff.flowsRemoved).toEqual([]);
    expect(summarizeDiff(diff).text).toBe("1 field added, 1 flow added");
  });

  it("reports a rename made one-way as the loss of its reverse flow", () => {
    const next = copy(gusto);
    const rename = next.edges.find((edge) => edge.targetHandle === "first_name");
    if (!rename) throw new Error("template has no first_name rename");
    rename.data = { ...rename.data, oneWay: true };
    const diff = diffMappingDocuments(gusto, next);
    expect(diff.flowsRemoved).toEqual(
      expect.arrayContaining([
        { direction: "bToA", field: "firstName", via: [], origin: "derived" },
      ]),
    );
    expect(diff.fieldsAdded).toEqual([]);
  });

  it("reports changed transform parameters, conflict rules, match keys and settings", () => {
    const next = copy(gusto);
    const transform = next.nodes.find((node) => node.type === "enumMap");
    if (transform?.type !== "enumMap") throw new Error("template has no enum map");
    transform.data.entries = transform.data.entries.slice(1);
    for (const node of next.nodes) {
      if (node.type === "conflictRule" && node.data.strategy === "b-wins")
        node.data.strategy = "manual-review";
      if (node.type === "matchKey") node.data.normalize = "exact";
    }
    next.settings.defaultConflictStrategy = "a-wins";
    const diff = diffMappingDocuments(gusto, next);
    expect(diff.transformsChanged.map((change) => change.nodeId)).toEqual([transform.id]);
    expect(diff.transformsChanged[0]?.before).not.toEqual(diff.transformsChanged[0]?.after);
    expect(diff.rulesChanged.length).toBeGreaterThan(0);
    expect(
      diff.rulesChanged.every((r) => r.before === "b-wins" && r.after === "manual-review"),
    ).toBe(true);
    expect(diff.matchKeysChanged).toBe(true);
    expect(diff.settingsChanged).toBe(true);
    expect(diff.flowsAdded).toEqual([]);
    const summary = summarizeDiff(diff);
    expect(summary.text).toBe(
      `1 transform changed, ${diff.rulesChanged.length} rules changed, match keys changed, settings changed`,
    );
  });

  it("reports a rewired flow as removed and added", () => {
    const next = copy(gusto);
    const rename = next.edges.find((edge) => edge.targetHandle === "preferred_first_name");
    if (!rename) throw new Error("template has no preferred name rename");
    rename.sourceHandle = "firstName";
    const diff = diffMappingDocuments(gusto, next);
    expect(diff.flowsAdded).toContainEqual({
      direction: "aToB",
      field: "preferred_first_name",
      via: [],
      origin: "drawn",
    });
    expect(diff.flowsRemoved).toContainEqual({
      direction: "bToA",
      field: "preferredName",
      via: [],
      origin: "derived",
    });
  });
});
