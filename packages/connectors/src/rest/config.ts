import { z } from "zod";
import { httpBaseUrl } from "../config-fields";
import { RestDescription } from "./rest-description";

export const RestConnectionConfig = z.object({
  kind: z.literal("rest"),
  /** The API root the description's paths hang off, e.g. `https://hr.example.com/api`. */
  baseUrl: httpBaseUrl,
  /** The `tandem.rest/v1` description of endpoints, paging, auth and fields. */
  description: RestDescription,
  /** Bearer token or API key, sent as the description's auth scheme says. */
  credential: z.string().min(1),
  /** Standard Webhooks signing secret: `whsec_` + base64. */
  webhookSecret: z
    .string()
    .regex(/^(whsec_)?[A-Za-z0-9+/]+={0,2}$/, "expected a Standard Webhooks secret (whsec_…)"),
});
export type RestConnectionConfig = z.infer<typeof RestConnectionConfig>;
