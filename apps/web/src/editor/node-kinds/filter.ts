import { describePredicate } from "../phrases";
import { defineTransformKind } from "./define-kind";
import { PredicateInspector } from "./predicate";

export const filter = defineTransformKind({
  kind: "filter",
  name: "Filter",
  palette: { group: "Rules", hint: "Keep records out of a direction" },
  defaultData: { predicate: { test: "notEmpty" } },
  summary: (data) => `sync only when ${describePredicate(data.predicate)}`,
  Inspector: PredicateInspector,
  accent: "bg-amber-600",
});
