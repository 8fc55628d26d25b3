import type { FieldType } from "@tandem/hr-model";
import { compileMapping } from "../src/compile-mapping";
import type { NodeKind } from "../src/document-schema";
import type { SyncPlan } from "../src/sync-plan";
import { edge, mappingDocument, node, side } from "./mapping-fixtures";

/** A plan where side A's `x` flows through one node of `kind` into side B's `y`. */
export function singleNodePlan(
  kind: NodeKind,
  data: Record<string, unknown>,
  types: { from?: FieldType; to?: FieldType; oneWay?: boolean } = {},
): SyncPlan {
  const result = compileMapping(
    mappingDocument(
      [
        side("a", ["email", { id: "x", type: types.from ?? "string" }]),
        side("b", ["email", { id: "y", type: types.to ?? "string" }]),
        node("n", kind, data),
      ],
      [
        edge("a.email", "b.email"),
        edge("a.x", "n.in"),
        edge("n.out", "b.y", { oneWay: types.oneWay ?? false }),
      ],
    ),
  );
  if (!result.plan)
    throw new Error(`test plan does not compile: ${JSON.stringify(result.diagnostics)}`);
  return result.plan;
}
