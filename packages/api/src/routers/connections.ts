import {
  registerConnectionWebhook,
  unregisterConnectionWebhook,
} from "../connections/webhook-registration";
import { createTRPCRouter, workspaceProcedure } from "../trpc";
import {
  RegisteredWebhook,
  RegisterWebhookInput,
  UnregisteredWebhook,
  UnregisterWebhookInput,
} from "./connections.types";

export const connectionsRouter = createTRPCRouter({
  /** Subscribes `<publicBaseUrl>/api/hooks/<connectionId>` with the vendor. */
  registerWebhook: workspaceProcedure
    .input(RegisterWebhookInput)
    .output(RegisteredWebhook)
    .mutation(({ ctx, input }) =>
      registerConnectionWebhook(
        { db: ctx.db, workspaceId: ctx.workspace.id, access: ctx.connectorAccess },
        input,
      ),
    ),

  unregisterWebhook: workspaceProcedure
    .input(UnregisterWebhookInput)
    .output(UnregisteredWebhook)
    .mutation(({ ctx, input }) =>
      unregisterConnectionWebhook(
        { db: ctx.db, workspaceId: ctx.workspace.id, access: ctx.connectorAccess },
        input,
      ),
    ),
});
