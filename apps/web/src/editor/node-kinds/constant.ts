import { scalarKind } from "@tandem/mapping";
import { formatScalar } from "../phrases";
import { defineTransformKind } from "./define-kind";
import { ScalarValueInspector } from "./scalar-value";

export const constant = defineTransformKind({
  kind: "constant",
  name: "Constant",
  palette: { group: "Transforms", hint: "Always the same value" },
  defaultData: { value: "" },
  summary: (data) => `always ${formatScalar(data.value)}`,
  Inspector: ScalarValueInspector,
  outputKind: (data) => scalarKind(data.value),
});
