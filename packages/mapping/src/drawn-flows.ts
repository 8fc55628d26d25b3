import type { Diagnostic } from "./diagnostic";
import type { MappingEdge, SideField, SideName } from "./document-schema";
import { compileFlow, type FlowCompilation } from "./compile-flow";
import { otherSide, type MappingGraph } from "./mapping-graph";

/** A flow the operator drew: edges ending in a field of the target side. */
export interface DrawnFlow {
  field: SideField;
  terminalEdge: MappingEdge;
  compilation: FlowCompilation;
  /** Drawn as two-way: the opposite direction must also be able to write what it reads. */
  twoWay: boolean;
}

/** Compiles every drawn flow from `sourceSide` into the other side, keyed by target field id. */
export function compileDrawnFlows(
  graph: MappingGraph,
  sourceSide: SideName,
  diagnostics: Diagnostic[],
): Map<string, DrawnFlow> {
  const target = graph.sides[otherSide(sourceSide)];
  const flows = new Map<string, DrawnFlow>();
  for (const field of target.data.fields) {
    const [terminalEdge] = graph.incoming(target.id, field.id);
    if (!terminalEdge) continue;
    const compilation = compileFlow({ graph, sourceSide, diagnostics }, field, terminalEdge);
    if (!compilation) continue;
    flows.set(field.id, {
      field,
      terminalEdge,
      compilation,
      twoWay: !terminalEdge.data.oneWay && compilation.reads.size > 0,
    });
  }
  return flows;
}
