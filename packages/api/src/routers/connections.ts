import {
  registerConnectionWebhook,
  unregisterConnectionWebhook,
} from "../connections/webhook-registration";
import { createTRPCRouter, adminProcedure } from "../trpc";
import {
  RegisteredWebhook,
  RegisterWebhookInput,
  UnregisteredWebhook,
  UnregisterWebhookInput,
} from "./connections.types";

export const connectionsRouter = createTRPCRouter({
  /** Subscribes `<publicBaseUrl>/api/hooks/<connectionId>` with the vendor. */
  registerWebhook: adminProcedure
    .input(RegisterWebhookInput)
    .output(RegisteredWebhook)
    .mutation(({ ctx, input }) =>
      registerConnectionWebhook(
        { db: ctx.db, workspaceId: ctx.workspace.id, access: ctx.connectorAccess },
        input,
      ),
    ),

  unregisterWebhook: adminProcedure
    .input(UnregisterWebhookInput)
    .output(UnregisteredWebhook)
    .mutation(({ ctx, input }) =>
      unregisterConnectionWebhook(
        { db: ctx.db, workspaceId: ctx.workspace.id, access: ctx.connectorAccess },
        input,
      ),
    ),
});
