import { z } from "zod";
import type { ConnectorKind } from "./contract";

const baseUrl = z.url({ protocol: /^https?$/ });

export const BambooHrConnectionConfig = z.object({
  kind: z.literal("bamboohr"),
  /** Origin only, e.g. `https://api.bamboohr.com`; the connector appends the gateway path. */
  baseUrl,
  companyDomain: z.string().regex(/^[a-z0-9-]+$/i, "expected the BambooHR subdomain, e.g. acme"),
  apiKey: z.string().min(1),
  webhookPrivateKey: z.string().min(1),
});
export type BambooHrConnectionConfig = z.infer<typeof BambooHrConnectionConfig>;

export const GustoConnectionConfig = z.object({
  kind: z.literal("gusto"),
  /** Origin only, e.g. `https://api.gusto.com`; the connector appends `/v1`. */
  baseUrl,
  companyId: z.string().min(1),
  accessToken: z.string().min(1),
  webhookVerificationToken: z.string().min(1),
});
export type GustoConnectionConfig = z.infer<typeof GustoConnectionConfig>;

export const ConnectionConfig = z.discriminatedUnion("kind", [
  BambooHrConnectionConfig,
  GustoConnectionConfig,
]);
export type ConnectionConfig = z.infer<typeof ConnectionConfig>;

/** Fields that must be stored encrypted and never shown or logged. */
export const SECRET_FIELDS = {
  bamboohr: ["apiKey", "webhookPrivateKey"],
  gusto: ["accessToken", "webhookVerificationToken"],
} as const satisfies {
  [K in ConnectorKind]: readonly (keyof Extract<ConnectionConfig, { kind: K }>)[];
};
