import type { ConnectorDescription } from "../connector-description";
import { requiredField } from "../connector-description";
import { employeeFieldDescription } from "../employee-field-description";
import { fieldMappings, type RestDescription } from "./rest-description";

/**
 * A REST system's employee fields, from its `tandem.rest/v1` description: the id path, then
 * each mapped field at its JSON path, typed as the normalized field it holds.
 */
export function describeRestSystem(description: RestDescription): ConnectorDescription {
  const mapped = fieldMappings(description).filter(
    (mapping) => mapping.path !== description.idPath,
  );
  return {
    system: "rest",
    entities: [
      {
        entity: "employee",
        label: "Employee",
        fields: [
          requiredField(description.idPath, "id", { label: "ID" }),
          ...mapped.map((mapping) =>
            employeeFieldDescription(mapping.field, mapping.path, {
              readOnly: mapping.readOnly,
              ...(mapping.enum ? { statusValues: Object.keys(mapping.enum) } : {}),
            }),
          ),
        ],
      },
    ],
  };
}
