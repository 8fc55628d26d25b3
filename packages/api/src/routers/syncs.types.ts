import { z } from "zod";

export const WorkspaceOverview = z.object({
  workspace: z.object({ id: z.string(), name: z.string() }),
  syncs: z.array(
    z.object({
      id: z.string(),
      workspaceId: z.string(),
      name: z.string(),
      connectionAId: z.string(),
      connectionBId: z.string(),
      planVersion: z.string(),
      createdAt: z.date(),
    }),
  ),
  connections: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      name: z.string(),
      baseUrl: z.string().nullable(),
      simulatorUrl: z.string().nullable(),
    }),
  ),
  recentChanges: z.array(
    z.object({
      id: z.string(),
      workspaceId: z.string(),
      syncId: z.string(),
      linkId: z.string().nullable(),
      recordRef: z.string().nullable(),
      aId: z.string().nullable(),
      bId: z.string().nullable(),
      connectionId: z.string().nullable(),
      direction: z.string(),
      outcome: z.string(),
      field: z.string().nullable(),
      /** JSON; a sensitive field's value is masked (`masked`). */
      before: z.string().nullable(),
      after: z.string().nullable(),
      masked: z.boolean(),
      rule: z.string().nullable(),
      planVersion: z.string(),
      deliveryId: z.string().nullable(),
      webhookEventId: z.string().nullable(),
      workflowId: z.string(),
      runId: z.string(),
      stepId: z.string().nullable(),
      reviewItemId: z.string().nullable(),
      actor: z.string().nullable(),
      createdAt: z.date(),
    }),
  ),
  /** Inbox events per status. */
  inbox: z.record(z.string(), z.number()),
});
