import {
  BodyTooLargeError,
  clientAddressOf,
  handleWebhook,
  IngressRateLimits,
  MAX_WEBHOOK_BYTES,
  readBoundedBody,
} from "@tandem/api";
import { services } from "~/server/services";

export const dynamic = "force-dynamic";

const rateLimits = new IngressRateLimits();

/** Webhook ingress: one URL per connection, given to the vendor when the webhook is registered. */
export async function POST(
  request: Request,
  context: { params: Promise<{ connectionId: string }> },
) {
  const { connectionId } = await context.params;
  // Before the body is read: a flood costs neither memory nor a database query.
  const limited = rateLimits.admit(connectionId, clientAddressOf(request.headers));
  if (limited) return Response.json(limited.body, limited);
  const { db, secretKey, env, nudger, ingressConnections, inbox } = services();
  // The signature covers the exact bytes sent, so read them as text once, before any parsing.
  let rawBody: string;
  try {
    rawBody = await readBoundedBody(request, MAX_WEBHOOK_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError)
      return Response.json({ error: "payload too large" }, { status: 413 });
    throw error;
  }
  const response = await handleWebhook(
    {
      db,
      secretKey,
      nudger,
      connections: ingressConnections,
      inbox,
      allowPrivateNetwork: env.TANDEM_ALLOW_PRIVATE_NETWORK,
      log: (m) => console.warn(m),
    },
    connectionId,
    request.headers,
    rawBody,
  );
  return Response.json(response.body, { status: response.status, headers: response.headers });
}
