import { describePredicate } from "../phrases";
import { defineTransformKind } from "./define-kind";
import { PredicateInspector } from "./predicate";

export const condition = defineTransformKind({
  kind: "condition",
  name: "Condition",
  palette: { group: "Transforms", hint: "Pick a value by a test" },
  defaultData: { predicate: { test: "notEmpty" } },
  summary: (data) => `if test ${describePredicate(data.predicate)}`,
  Inspector: PredicateInspector,
});
