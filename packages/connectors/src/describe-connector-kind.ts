import { z } from "zod";
import { describeBambooHr } from "./bamboohr/describe";
import type { ConnectorDescription } from "./connector-description";
import { ConnectorError, type ConnectorKind } from "./contract";
import { describeGusto } from "./gusto/describe";
import { describeHiBob } from "./hibob/describe";
import { checkPostgresTable, postgresTableFields } from "./postgres-table/table-settings";
import { describePostgresTable } from "./postgres-table/describe";
import { RestDescription } from "./rest/rest-description";
import { describeRestSystem } from "./rest/describe";

const RestSettings = z.object({ description: RestDescription });
const PostgresTableSettings = z.object(postgresTableFields).superRefine(checkPostgresTable);

function parseSettings<T extends z.ZodType>(
  kind: ConnectorKind,
  schema: T,
  settings: unknown,
): z.output<T> {
  const parsed = schema.safeParse(settings);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join(".") || "(settings)"}: ${issue.message}`)
    .join("; ");
  throw new ConnectorError(`Cannot describe a ${kind} system: ${problems}`, "permanent");
}

/**
 * A system's entities and fields without credentials or network, for the mapping editor.
 * BambooHR, Gusto and HiBob are fixed by the vendor and need no settings. A REST system needs
 * `{description}` and a PostgreSQL table its table settings (`schema`, `table`, `idColumn`,
 * `columns`, `version`); a stored connection config (secrets included or not) fits both.
 * Invalid settings are a permanent ConnectorError naming the bad keys.
 */
export function describeConnectorKind(
  kind: ConnectorKind,
  settings?: unknown,
): ConnectorDescription {
  switch (kind) {
    case "bamboohr":
      return describeBambooHr();
    case "gusto":
      return describeGusto();
    case "hibob":
      return describeHiBob();
    case "rest":
      return describeRestSystem(parseSettings(kind, RestSettings, settings).description);
    case "postgres-table":
      return describePostgresTable(parseSettings(kind, PostgresTableSettings, settings));
  }
}
