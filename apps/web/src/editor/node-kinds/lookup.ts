import { defineTransformKind } from "./define-kind";
import { valueTable } from "./value-table";

export const lookup = defineTransformKind({
  kind: "lookup",
  name: "Lookup table",
  palette: { group: "Transforms", hint: "Translate codes, pasted from CSV" },
  ...valueTable,
});
