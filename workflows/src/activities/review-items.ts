import type { ReviewItem } from "@tandem/db";
import type { OperatorChoice, ParkedChange, Side } from "@tandem/sync-core";
import { z } from "zod";

/** What a review item is about: `kind` decides which answers make sense. */
export type ReviewKind = "conflict" | "unconvertible" | "refused" | "duplicate" | "failed";

/** A review item to open (or to count another occurrence of), as a step found it. */
export interface ReviewChange {
  fingerprint: string;
  kind: ReviewKind;
  groupKey: string;
  summary: string;
  detail: Record<string, unknown>;
}

/** An operator's answer, stored on the item until the record's executor applies it. */
export const StoredResolution = z.discriminatedUnion("action", [
  z.object({ action: z.literal("take-a") }),
  z.object({ action: z.literal("take-b") }),
  z.object({
    action: z.literal("custom"),
    value: z.union([z.string(), z.number(), z.boolean(), z.null()]),
  }),
  z.object({ action: z.literal("retry") }),
  z.object({ action: z.literal("dismiss") }),
  /** A likely duplicate: link it to this record of the other side. */
  z.object({ action: z.literal("link"), externalId: z.string().min(1) }),
  /** A likely duplicate: it is a different person, create the counterpart anyway. */
  z.object({ action: z.literal("create") }),
]);
export type StoredResolution = z.infer<typeof StoredResolution>;

export function recordRef(side: Side, externalId: string): string {
  return `${side}:${externalId}`;
}

/** Same record, same kind, same field group: one review item, however often it recurs. */
export function fingerprintOf(record: string, kind: ReviewKind, groupKey: string): string {
  return `${record}|${kind}|${groupKey}`;
}

export function reviewOfParked(
  record: string,
  parked: ParkedChange,
  planHash: string,
): ReviewChange {
  return {
    fingerprint: fingerprintOf(record, parked.kind, parked.groupKey),
    kind: parked.kind,
    groupKey: parked.groupKey,
    summary: parked.reason,
    detail: {
      fields: parked.fields,
      values: parked.values,
      ...(parked.strategy ? { rule: parked.strategy } : {}),
      ...(parked.node ? { node: parked.node } : {}),
      planHash,
    },
  };
}

export function resolutionOf(item: Pick<ReviewItem, "resolution">): StoredResolution | null {
  if (!item.resolution) return null;
  const parsed = StoredResolution.safeParse(JSON.parse(item.resolution));
  return parsed.success ? parsed.data : null;
}

/** The decision input an answered conflict item contributes. */
export function choiceOf(resolution: StoredResolution): OperatorChoice | null {
  switch (resolution.action) {
    case "take-a":
      return { kind: "side", side: "a" };
    case "take-b":
      return { kind: "side", side: "b" };
    case "custom":
      return { kind: "value", value: resolution.value };
    case "dismiss":
      return { kind: "accept" };
    default:
      return null;
  }
}
