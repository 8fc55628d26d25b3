import { z } from "zod";

export const RunListInput = z
  .object({ limit: z.number().int().min(1).max(200).default(50) })
  .default({ limit: 50 });

export const RunRef = z.object({
  workflowId: z.string().min(1).max(512),
  runId: z.string().max(64).optional(),
});

const Run = z.object({
  workflowId: z.string(),
  runId: z.string(),
  type: z.string(),
  status: z.string(),
  startTime: z.date(),
  closeTime: z.date().nullable(),
});

export const RunList = z.array(Run.extend({ historyLength: z.number() }));

export const RunHistory = Run.extend({
  events: z.array(
    z.object({
      id: z.number(),
      time: z.date().nullable(),
      type: z.string(),
      summary: z.string(),
      details: z.unknown(),
    }),
  ),
});
