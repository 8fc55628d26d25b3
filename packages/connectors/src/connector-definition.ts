import type { z } from "zod";
import type { ConnectorDescription } from "./connector-description";
import type { ConnectorKind } from "./connector-kinds";
import type { ConnectorMetadata } from "./connector-metadata";
import type { ConnectorOptions } from "./connector-options";
import { ConnectorError, type Connector } from "./contract";

/** A connection config schema: a zod object whose `kind` is the connector's. */
export type ConnectionConfigSchema<K extends ConnectorKind = ConnectorKind> = z.ZodType<{
  kind: K;
}>;

/** A field name of the config a schema parses. */
type ConfigField<Config extends ConnectionConfigSchema> = keyof z.output<Config> & string;

/** What `<kind>/index.ts` tells `defineConnector` about its connector. */
export interface ConnectorDefinitionInput<
  K extends ConnectorKind,
  Config extends ConnectionConfigSchema<K>,
  Secrets extends readonly ConfigField<Config>[],
  Settings,
> extends ConnectorMetadata {
  kind: K;
  /** The stored connection's settings and secrets, merged, parse with this (`<kind>/config.ts`). */
  config: Config;
  /** Fields that must be stored encrypted and never shown or logged. */
  secretFields: Secrets;
  /** The secret webhooks are verified with, or null for a system that sends none. */
  webhookSecretField: ConfigField<Config> | null;
  /**
   * The settings `describe` needs, for a system whose fields depend on them (a REST
   * description, a table's column map); absent when the vendor fixes the fields.
   */
  describeSettings?: z.ZodType<Settings>;
  /** The system's entities and fields in its own names: synchronous, no credentials, no I/O. */
  describe: (settings: Settings) => ConnectorDescription;
  create(config: z.output<Config>, options: ConnectorOptions): Connector;
}

/** One connector, as the registry lists it: every fact about the kind in one place. */
export interface ConnectorDefinition<
  K extends ConnectorKind = ConnectorKind,
  Config extends ConnectionConfigSchema<K> = ConnectionConfigSchema<K>,
  Secrets extends readonly string[] = readonly string[],
> extends ConnectorMetadata {
  kind: K;
  label: string;
  config: Config;
  secretFields: Secrets;
  webhookSecretField: string | null;
  /**
   * The system's entities and fields without credentials or network, for the mapping editor.
   * A stored connection's settings (secrets included or not) fit a kind that needs settings;
   * invalid or missing ones are a permanent ConnectorError naming the bad keys.
   */
  describe(settings?: unknown): ConnectorDescription;
  /** Builds the connector; refusals of the config itself (a private host) are ConnectorErrors. */
  create(config: z.output<Config>, options: ConnectorOptions): Connector;
}

function parseDescribeSettings<Settings>(
  kind: ConnectorKind,
  schema: z.ZodType<Settings>,
  settings: unknown,
): Settings {
  const parsed = schema.safeParse(settings);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join(".") || "(settings)"}: ${issue.message}`)
    .join("; ");
  throw new ConnectorError(`Cannot describe a ${kind} system: ${problems}`, "permanent");
}

/** A connector folder's definition; `registry.ts` lists them. */
export function defineConnector<
  const K extends ConnectorKind,
  Config extends ConnectionConfigSchema<K>,
  const Secrets extends readonly ConfigField<Config>[],
  Settings = undefined,
>(
  input: ConnectorDefinitionInput<K, Config, Secrets, Settings>,
): ConnectorDefinition<K, Config, Secrets> {
  const { describeSettings, describe, ...definition } = input;
  return {
    ...definition,
    describe: (settings?: unknown) =>
      describe(
        describeSettings
          ? parseDescribeSettings(input.kind, describeSettings, settings)
          : (undefined as Settings),
      ),
  };
}
