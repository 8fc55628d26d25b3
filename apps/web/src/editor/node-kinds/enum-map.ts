import { defineTransformKind } from "./define-kind";
import { valueTable } from "./value-table";

export const enumMap = defineTransformKind({
  kind: "enumMap",
  name: "Enum map",
  palette: { group: "Transforms", hint: "Map each value to the other system's value" },
  ...valueTable,
});
