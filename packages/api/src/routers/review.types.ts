import { z } from "zod";

export const REVIEW_STATUSES = ["open", "resolving", "resolved", "dismissed"] as const;

export const ReviewListInput = z
  .object({
    syncId: z.string().min(1).optional(),
    status: z.enum(REVIEW_STATUSES).optional(),
    limit: z.number().int().min(1).max(200).default(50),
  })
  .default({ limit: 50 });

export const ReviewItemRef = z.object({ id: z.string().min(1).max(64) });

/** An operator's answer; which ones apply depends on the item's kind. */
export const ReviewResolveInput = z.object({
  id: z.string().min(1).max(64),
  answer: z.discriminatedUnion("action", [
    z.object({ action: z.literal("take-a") }),
    z.object({ action: z.literal("take-b") }),
    z.object({
      action: z.literal("custom"),
      value: z.union([z.string().max(10_000), z.number(), z.boolean(), z.null()]),
    }),
    z.object({ action: z.literal("retry") }),
    z.object({ action: z.literal("dismiss") }),
    z.object({ action: z.literal("link"), externalId: z.string().min(1).max(256) }),
    z.object({ action: z.literal("create") }),
  ]),
});

export const ReplayInput = z.object({ syncId: z.string().min(1) });

const ReviewItemSummary = z.object({
  id: z.string(),
  syncId: z.string(),
  linkId: z.string().nullable(),
  recordRef: z.string(),
  kind: z.string(),
  status: z.string(),
  summary: z.string(),
  planHash: z.string(),
  occurrences: z.number(),
  createdAt: z.date(),
  updatedAt: z.date(),
  resolvedBy: z.string().nullable(),
  resolvedAt: z.date().nullable(),
});

export const ReviewList = z.array(ReviewItemSummary);

export const ReviewItemDetail = ReviewItemSummary.extend({
  detail: z.record(z.string(), z.unknown()),
  resolution: z.unknown().nullable(),
  /** The record's audit rows about this item: when it was parked, answered and applied. */
  audit: z.array(
    z.object({
      id: z.string(),
      outcome: z.string(),
      direction: z.string(),
      field: z.string().nullable(),
      /** JSON; a sensitive field's value is masked (`masked`). */
      before: z.string().nullable(),
      after: z.string().nullable(),
      masked: z.boolean(),
      rule: z.string().nullable(),
      actor: z.string().nullable(),
      connectionId: z.string().nullable(),
      planVersion: z.string(),
      workflowId: z.string(),
      runId: z.string(),
      createdAt: z.date(),
    }),
  ),
});

export const ResolveResult = z.object({ id: z.string(), status: z.string(), queued: z.boolean() });
export const ReplayResult = z.object({ queued: z.number() });
