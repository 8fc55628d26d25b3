import type { ConnectorDescription, FieldDescription } from "../connector-description";
import { requiredField } from "../connector-description";
import { employeeFieldDescription } from "../employee-field-description";
import { columnMappings, type postgresTableFields } from "./table-settings";
import type { z } from "zod";

type TableSettings = z.output<z.ZodObject<typeof postgresTableFields>>;

/**
 * A PostgreSQL table's columns: the id column, each mapped column typed as the normalized
 * field it holds, and the version column. The connector reads every column as text, so the
 * version is described as a string whatever its SQL type.
 */
export function describePostgresTable(settings: TableSettings): ConnectorDescription {
  const fields: FieldDescription[] = [
    requiredField(settings.idColumn, "id", { label: settings.idColumn }),
    ...columnMappings(settings.columns).map((mapping) =>
      employeeFieldDescription(mapping.field, mapping.column, {
        readOnly: mapping.readOnly,
        ...(mapping.enum ? { statusValues: Object.keys(mapping.enum) } : {}),
      }),
    ),
  ];
  if (settings.version) {
    fields.push(
      requiredField(settings.version.column, "string", {
        label: settings.version.column,
        description: "Row version for optimistic concurrency, read as text.",
      }),
    );
  }
  return {
    system: "postgres-table",
    entities: [{ entity: "employee", label: `${settings.schema}.${settings.table}`, fields }],
  };
}
