import { z } from "zod";
import {
  registerConnectionWebhook,
  unregisterConnectionWebhook,
} from "../connections/webhook-registration";
import { createTRPCRouter, workspaceProcedure } from "../trpc";
import { TRPCError } from "@trpc/server";

const ConnectionId = z.string().min(1).max(200);
const PublicBaseUrl = z.url({
  protocol: /^https?$/,
  error: "expected the http(s) URL vendors reach this app at, e.g. https://tandem.example.com",
});

export const connectionsRouter = createTRPCRouter({
  /** Subscribes `<publicBaseUrl>/api/hooks/<connectionId>` with the vendor. */
  registerWebhook: workspaceProcedure
    .input(z.object({ connectionId: ConnectionId, publicBaseUrl: PublicBaseUrl.optional() }))
    .mutation(({ ctx, input }) => {
      const publicBaseUrl = input.publicBaseUrl ?? ctx.connectorAccess?.publicUrl;
      if (publicBaseUrl === undefined)
        throw new TRPCError({
          code: "BAD_REQUEST",
          message: "publicBaseUrl is required: this server has no public URL configured",
        });
      return registerConnectionWebhook(
        { db: ctx.db, workspaceId: ctx.workspace.id, access: ctx.connectorAccess },
        { connectionId: input.connectionId, publicBaseUrl },
      );
    }),

  unregisterWebhook: workspaceProcedure
    .input(z.object({ connectionId: ConnectionId }))
    .mutation(({ ctx, input }) =>
      unregisterConnectionWebhook(
        { db: ctx.db, workspaceId: ctx.workspace.id, access: ctx.connectorAccess },
        input,
      ),
    ),
});
