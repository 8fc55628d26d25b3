import { z } from "zod";

const ConnectionId = z.string().min(1).max(200);
const PublicBaseUrl = z.url({
  protocol: /^https?$/,
  error: "expected the http(s) URL vendors reach this app at, e.g. https://tandem.example.com",
});

export const RegisterWebhookInput = z.object({
  connectionId: ConnectionId,
  publicBaseUrl: PublicBaseUrl.optional(),
});
export const UnregisterWebhookInput = z.object({ connectionId: ConnectionId });

export const RegisteredWebhook = z.object({
  subscriptionId: z.string(),
  status: z.enum(["active", "pending-verification"]),
});
export const UnregisteredWebhook = z.object({ removed: z.boolean() });
