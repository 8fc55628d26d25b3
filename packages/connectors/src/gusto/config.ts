import { z } from "zod";
import { httpBaseUrl } from "../config-fields";

export const GustoConnectionConfig = z.object({
  kind: z.literal("gusto"),
  /** Origin only, e.g. `https://api.gusto.com`; the connector appends `/v1`. */
  baseUrl: httpBaseUrl,
  companyId: z.string().min(1),
  accessToken: z.string().min(1),
  webhookVerificationToken: z.string().min(1),
  /**
   * The organization-level system access token: Gusto manages webhook subscriptions with it,
   * not with a company token. Only needed to register webhooks from Tandem.
   */
  systemAccessToken: z.string().min(1).optional(),
});
export type GustoConnectionConfig = z.infer<typeof GustoConnectionConfig>;
