import { handleWebhook } from "@tandem/api";
import { services } from "~/server/services";

export const dynamic = "force-dynamic";

/** Webhook ingress: one URL per connection, given to the vendor when the webhook is registered. */
export async function POST(
  request: Request,
  context: { params: Promise<{ connectionId: string }> },
) {
  const { connectionId } = await context.params;
  const { db, secretKey, env, temporal } = services();
  // The signature covers the exact bytes sent, so read them as text once, before any parsing.
  const rawBody = await request.text();
  const response = await handleWebhook(
    {
      db,
      secretKey,
      temporal,
      allowPrivateNetwork: env.TANDEM_ALLOW_PRIVATE_NETWORK,
      log: (m) => console.warn(m),
    },
    connectionId,
    request.headers,
    rawBody,
  );
  return Response.json(response.body, { status: response.status, headers: response.headers });
}
