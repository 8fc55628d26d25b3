import { z } from "zod";
import type { ConnectorKind } from "./contract";
import { RestDescription } from "./rest/rest-description";
import { PostgresConnectionString } from "./postgres-table/connection-string";
import { checkPostgresTable, postgresTableFields } from "./postgres-table/table-settings";

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
  /**
   * The organization-level system access token: Gusto manages webhook subscriptions with it,
   * not with a company token. Only needed to register webhooks from Tandem.
   */
  systemAccessToken: z.string().min(1).optional(),
});
export type GustoConnectionConfig = z.infer<typeof GustoConnectionConfig>;

export const RestConnectionConfig = z.object({
  kind: z.literal("rest"),
  /** The API root the description's paths hang off, e.g. `https://hr.example.com/api`. */
  baseUrl,
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

/**
 * A PostgreSQL table as a system. The connection string is one secret (it holds the
 * password); its host obeys the same private-network policy as base URLs. See
 * `postgres-table/table-settings.ts` for the table, id column, column map and version column.
 */
export const PostgresTableConnectionConfig = z
  .object({
    kind: z.literal("postgres-table"),
    connectionString: PostgresConnectionString,
    ...postgresTableFields,
  })
  .superRefine(checkPostgresTable);
export type PostgresTableConnectionConfig = z.infer<typeof PostgresTableConnectionConfig>;

export const HiBobConnectionConfig = z.object({
  kind: z.literal("hibob"),
  /** Origin only, e.g. `https://api.hibob.com`; the connector appends `/v1`. */
  baseUrl,
  /** The API service user's id (HTTP Basic user name) and token (password). */
  serviceUserId: z.string().min(1),
  token: z.string().min(1),
  /** The secret Bob shows in the webhook's settings; keys the Bob-Signature HMAC. */
  webhookSecret: z.string().min(1),
  /** Bob requires `work.site` on create and the normalized model has no site name. */
  defaultSite: z.string().min(1).optional(),
});
export type HiBobConnectionConfig = z.infer<typeof HiBobConnectionConfig>;

export const ConnectionConfig = z.discriminatedUnion("kind", [
  BambooHrConnectionConfig,
  GustoConnectionConfig,
  RestConnectionConfig,
  PostgresTableConnectionConfig,
  HiBobConnectionConfig,
]);
export type ConnectionConfig = z.infer<typeof ConnectionConfig>;

/** Fields that must be stored encrypted and never shown or logged. */
export const SECRET_FIELDS = {
  bamboohr: ["apiKey", "webhookPrivateKey"],
  gusto: ["accessToken", "webhookVerificationToken", "systemAccessToken"],
  rest: ["credential", "webhookSecret"],
  "postgres-table": ["connectionString"],
  hibob: ["token", "webhookSecret"],
} as const satisfies {
  [K in ConnectorKind]: readonly (keyof Extract<ConnectionConfig, { kind: K }>)[];
};
