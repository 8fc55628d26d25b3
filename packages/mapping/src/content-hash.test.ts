import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson } from "./canonical-json";
import { compileMapping } from "./compile-mapping";
import type { MappingDocumentInput } from "./document-schema";
import { portableSha256Hex, sha256Hex } from "./sha256";
import { bambooHrGustoTemplate, hrisBenefitDeductionsTemplate } from "./templates";

const RUNS = { numRuns: 200 };

function hashOf(document: unknown): string {
  const { plan, diagnostics } = compileMapping(document);
  if (!plan) throw new Error(JSON.stringify(diagnostics));
  return plan.hash;
}

/** The same document with keys of every object rebuilt in reverse order. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([key, member]) => [key, reverseKeys(member)]),
  );
}

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const copy = [...items];
  let state = seed || 1;
  for (let i = copy.length - 1; i > 0; i--) {
    state = (state * 48271) % 2147483647;
    const j = state % (i + 1);
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

describe("sha256Hex", () => {
  it("agrees with node:crypto on any text, in the portable implementation too", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), (text) => {
        const expected = createHash("sha256").update(text, "utf8").digest("hex");
        expect(sha256Hex(text)).toBe(expected);
        expect(portableSha256Hex(text)).toBe(expected);
      }),
      RUNS,
    );
  });

  it("pads correctly around the block boundaries", () => {
    for (const length of [0, 55, 56, 63, 64, 65, 119, 120, 128, 1000]) {
      const text = "é".repeat(length >> 1) + "a".repeat(length & 1);
      expect(portableSha256Hex(text)).toBe(createHash("sha256").update(text, "utf8").digest("hex"));
    }
  });
});

describe("canonicalJson", () => {
  it("ignores key order and drops undefined members", () => {
    expect(canonicalJson({ b: 1, a: [{ d: undefined, c: 2 }] })).toBe('{"a":[{"c":2}],"b":1}');
  });
});

describe("plan hash", () => {
  const templates: MappingDocumentInput[] = [bambooHrGustoTemplate, hrisBenefitDeductionsTemplate];

  it("does not change when nodes, edges and fields-in-data are reordered, moved or relabelled", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...templates),
        fc.integer({ min: 1, max: 1e9 }),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        (template, seed, offset) => {
          const variant = {
            ...template,
            name: `renamed ${seed}`,
            nodes: shuffled(template.nodes, seed).map((node) => ({
              ...node,
              position: { x: node.position.x + offset, y: seed },
              data: { ...node.data, label: `label ${seed}` },
            })),
            edges: shuffled(template.edges, seed + 1).map((edge) => ({
              ...edge,
              data: { ...edge.data, label: "moved" },
            })),
          };
          expect(hashOf(reverseKeys(variant))).toBe(hashOf(template));
        },
      ),
      { numRuns: 50 },
    );
  });

  it("changes when the meaning changes", () => {
    const changed = {
      ...bambooHrGustoTemplate,
      nodes: bambooHrGustoTemplate.nodes.map((node) =>
        node.id === "pay-rate" && node.type === "money"
          ? { ...node, data: { ...node.data, currency: "CAD" } }
          : node,
      ),
    };
    expect(hashOf(changed)).not.toBe(hashOf(bambooHrGustoTemplate));
  });
});
