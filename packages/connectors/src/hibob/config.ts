import { z } from "zod";
import { httpBaseUrl } from "../config-fields";

export const HiBobConnectionConfig = z.object({
  kind: z.literal("hibob"),
  /** Origin only, e.g. `https://api.hibob.com`; the connector appends `/v1`. */
  baseUrl: httpBaseUrl,
  /** The API service user's id (HTTP Basic user name) and token (password). */
  serviceUserId: z.string().min(1),
  token: z.string().min(1),
  /** The secret Bob shows in the webhook's settings; keys the Bob-Signature HMAC. */
  webhookSecret: z.string().min(1),
  /** Bob requires `work.site` on create and the normalized model has no site name. */
  defaultSite: z.string().min(1).optional(),
});
export type HiBobConnectionConfig = z.infer<typeof HiBobConnectionConfig>;
