import type { Direction, SideName } from "@tandem/mapping";

/** The two sides of a sync, spelled as the mapping spells them. */
export type Side = SideName;
export const SIDES: readonly Side[] = ["a", "b"];

export function otherSide(side: Side): Side {
  return side === "a" ? "b" : "a";
}

/** The plan direction that carries changes from `source` to the other side. */
export function directionFrom(source: Side): Direction {
  return source === "a" ? "aToB" : "bToA";
}

/** Audit spelling of a direction: "A->B" or "B->A". */
export function directionLabel(source: Side): "A->B" | "B->A" {
  return source === "a" ? "A->B" : "B->A";
}

export type PerSide<T> = { a: T; b: T };
