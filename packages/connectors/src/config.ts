import { z } from "zod";
import type { ConnectorKind } from "./connector-kinds";
import { CONNECTOR_DEFINITIONS } from "./registry";

type Definitions = typeof CONNECTOR_DEFINITIONS;
/** The definitions' config schemas, as a tuple (a mapped type over a type parameter keeps one). */
type ConfigSchemasOf<T extends readonly unknown[]> = {
  -readonly [I in keyof T]: T[I] extends { config: infer Config } ? Config : never;
};
type ConfigSchemas = ConfigSchemasOf<Definitions>;

/** A stored connection's settings and secrets, merged, as its kind's connector takes them. */
export const ConnectionConfig = z.discriminatedUnion(
  "kind",
  CONNECTOR_DEFINITIONS.map((definition) => definition.config) as unknown as ConfigSchemas,
);
export type ConnectionConfig = z.infer<typeof ConnectionConfig>;

/** Fields that must be stored encrypted and never shown or logged, per kind. */
export const SECRET_FIELDS = Object.fromEntries(
  CONNECTOR_DEFINITIONS.map((definition) => [definition.kind, definition.secretFields]),
) as { [D in Definitions[number] as D["kind"]]: D["secretFields"] };

/** The secret each kind's connector verifies webhook deliveries with (null: it gets none). */
export const WEBHOOK_SECRET_FIELDS = Object.fromEntries(
  CONNECTOR_DEFINITIONS.map((definition) => [definition.kind, definition.webhookSecretField]),
) as Record<ConnectorKind, string | null>;
