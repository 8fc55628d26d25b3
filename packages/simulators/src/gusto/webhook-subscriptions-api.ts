import type { IncomingMessage } from "node:http";
import { z } from "zod";
import { readJsonBody } from "../shared/http";
import { matchRoute } from "../shared/route";
import type { WebhookSender } from "../shared/vendor-simulator";
import type { GustoError } from "./fields";
import type { RecordedResponse } from "./store";
import {
  GUSTO_SUBSCRIPTION_TYPES,
  publicView,
  type GustoWebhookSubscriptions,
} from "./webhook-subscriptions";

const CreateBody = z.object({
  url: z.url({ protocol: /^https?$/ }),
  subscription_types: z.array(z.enum(GUSTO_SUBSCRIPTION_TYPES)).min(1),
});
const VerifyBody = z.object({ verification_token: z.string().min(1) });

function errors(status: number, list: GustoError[]): RecordedResponse {
  return { status, body: { errors: list } };
}

function invalid(key: string, message: string): RecordedResponse {
  return errors(422, [{ error_key: key, category: "invalid_attribute_value", message }]);
}

/**
 * `/v1/webhook_subscriptions`: create (status `pending`, then the verification token is
 * POSTed, unsigned, to the URL), verify with that token, resend it, read, list and delete.
 * These calls take the organization's system access token, not a company token. Gusto also
 * refuses URLs that are not publicly routable (422 on `url`); the simulator accepts any
 * http(s) URL so local receivers can subscribe.
 */
export function createGustoWebhookSubscriptionsApi(options: {
  subscriptions: GustoWebhookSubscriptions;
  webhooks: WebhookSender;
}) {
  const { subscriptions, webhooks } = options;

  function sendVerificationToken(uuid: string): void {
    const subscription = subscriptions.get(uuid);
    if (!subscription) return;
    webhooks.enqueue({
      url: subscription.url,
      body: JSON.stringify({ verification_token: subscription.verificationToken }),
      headers: { "Content-Type": "application/json" },
    });
  }

  return async function route(
    method: string,
    request: IncomingMessage,
    url: URL,
  ): Promise<RecordedResponse | null> {
    const missing = errors(404, [
      { error_key: "base", category: "not_found", message: "Webhook subscription not found" },
    ]);
    if (url.pathname === "/v1/webhook_subscriptions") {
      if (method === "GET") return { status: 200, body: subscriptions.list() };
      if (method !== "POST") return null;
      const body = await readJsonBody(request);
      if (!body.ok) return invalid("base", body.message);
      const parsed = CreateBody.safeParse(body.value);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return invalid(String(issue?.path[0] ?? "base"), issue?.message ?? "invalid");
      }
      const created = subscriptions.create(parsed.data.url, parsed.data.subscription_types);
      sendVerificationToken(created.uuid);
      return { status: 201, body: publicView(created) };
    }
    const verify = matchRoute("/v1/webhook_subscriptions/:uuid/verify", url.pathname);
    if (verify?.uuid !== undefined && method === "PUT") {
      const subscription = subscriptions.get(verify.uuid);
      if (!subscription) return missing;
      const body = await readJsonBody(request);
      const parsed = VerifyBody.safeParse(body.ok ? body.value : undefined);
      if (!parsed.success) return invalid("verification_token", "verification_token is required");
      if (parsed.data.verification_token !== subscription.verificationToken) {
        return invalid("verification_token", "The verification token is invalid");
      }
      subscription.status = "verified";
      return { status: 200, body: publicView(subscription) };
    }
    const resend = matchRoute(
      "/v1/webhook_subscriptions/:uuid/request_verification_token",
      url.pathname,
    );
    if (resend?.uuid !== undefined && method === "GET") {
      if (!subscriptions.get(resend.uuid)) return missing;
      sendVerificationToken(resend.uuid);
      return { status: 200, body: {} };
    }
    const one = matchRoute("/v1/webhook_subscriptions/:uuid", url.pathname);
    if (one?.uuid !== undefined) {
      const subscription = subscriptions.get(one.uuid);
      if (!subscription) return missing;
      if (method === "GET") return { status: 200, body: publicView(subscription) };
      if (method === "DELETE") {
        subscriptions.remove(one.uuid);
        return { status: 204, body: undefined };
      }
    }
    return null;
  };
}
