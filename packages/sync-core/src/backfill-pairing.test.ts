import { describe, expect, it } from "vitest";
import { pairByMatchKeys, type KeyedRecord } from "./backfill-pairing";

const record = (id: string, ...keys: (string | null)[]): KeyedRecord => ({ id, keys });

describe("pairByMatchKeys", () => {
  it("pairs by the first key both records fill, leaving the rest unmatched", () => {
    const pairing = pairByMatchKeys(
      [record("a1", "x@acme", "1"), record("a2", null, "2"), record("a3", "z@acme", "3")],
      [record("b1", "x@acme", "9"), record("b2", "y@acme", "2"), record("b4", "w@acme", "4")],
    );
    expect(pairing.pairs).toEqual([
      { a: "a1", b: "b1", key: 0 },
      { a: "a2", b: "b2", key: 1 },
    ]);
    expect(pairing.unmatched).toEqual([
      { side: "a", id: "a3" },
      { side: "b", id: "b4" },
    ]);
    expect(pairing.ambiguous).toEqual([]);
  });

  it("does not pair through a later key when an earlier key both fill disagrees", () => {
    const pairing = pairByMatchKeys([record("a1", "x@acme", "1")], [record("b1", "y@acme", "1")]);
    expect(pairing.pairs).toEqual([]);
    expect(pairing.unmatched.map((u) => u.id)).toEqual(["a1", "b1"]);
  });

  it("pairs none of the records one key value links several of", () => {
    const pairing = pairByMatchKeys(
      [record("a1", "x@acme"), record("a2", "x@acme"), record("a3", "q@acme")],
      [record("b1", "x@acme"), record("b2", "q@acme"), record("b3", "q@acme")],
    );
    expect(pairing.pairs).toEqual([]);
    expect(pairing.ambiguous.map((item) => item.id)).toEqual(["a1", "a2", "a3"]);
    expect(pairing.unmatched).toEqual([]);
  });
});
