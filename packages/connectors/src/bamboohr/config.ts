import { z } from "zod";
import { httpBaseUrl } from "../config-fields";

export const BambooHrConnectionConfig = z.object({
  kind: z.literal("bamboohr"),
  /** Origin only, e.g. `https://api.bamboohr.com`; the connector appends the gateway path. */
  baseUrl: httpBaseUrl,
  companyDomain: z.string().regex(/^[a-z0-9-]+$/i, "expected the BambooHR subdomain, e.g. acme"),
  apiKey: z.string().min(1),
  webhookPrivateKey: z.string().min(1),
});
export type BambooHrConnectionConfig = z.infer<typeof BambooHrConnectionConfig>;
