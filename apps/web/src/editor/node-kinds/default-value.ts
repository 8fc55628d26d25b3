import { formatScalar } from "../phrases";
import { defineTransformKind } from "./define-kind";
import { ScalarValueInspector } from "./scalar-value";

export const defaultValue = defineTransformKind({
  kind: "default",
  name: "Default value",
  palette: { group: "Transforms", hint: "A value when the source is empty" },
  defaultData: { value: "" },
  summary: (data) => `when empty: ${formatScalar(data.value)}`,
  Inspector: ScalarValueInspector,
});
