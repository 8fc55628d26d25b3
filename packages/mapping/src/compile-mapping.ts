import { planContentHash } from "./content-hash";
import { deriveReverseFlows } from "./derive-reverse";
import { hasErrors, sortDiagnostics, type Diagnostic } from "./diagnostic";
import type { MappingDocument, SideField, SideName } from "./document-schema";
import { compileDrawnFlows, type DrawnFlow } from "./drawn-flows";
import { buildMappingGraph, otherSide, type MappingGraph, type SideNode } from "./mapping-graph";
import { parseMappingDocument } from "./parse-document";
import { compileConflictPolicies, compileFilters, compileMatchKeys } from "./plan-policies";
import {
  SYNC_PLAN_FORMAT,
  type DirectionPlan,
  type PlanField,
  type PlanSide,
  type SyncPlan,
  type SyncPlanContent,
  type TargetPlan,
} from "./sync-plan";

export interface CompileResult {
  /** Present only when the document has no errors. */
  plan?: SyncPlan;
  diagnostics: Diagnostic[];
}

// Plan objects are built with their keys in sorted order, without spreads (slow to build):
// the plan hash then prints them without copies.
function planField(field: SideField): PlanField {
  const { id, nullable, required, sensitive, type, enumValues } = field;
  return enumValues
    ? { enumValues, id, nullable, required, sensitive, type }
    : { id, nullable, required, sensitive, type };
}

function planSide(node: SideNode): PlanSide {
  return {
    system: node.data.system,
    entity: node.data.entity,
    fields: node.data.fields.map(planField),
  };
}

function directionPlan(
  graph: MappingGraph,
  sourceSide: SideName,
  drawn: ReadonlyMap<string, DrawnFlow>,
  opposite: ReadonlyMap<string, DrawnFlow>,
  diagnostics: Diagnostic[],
): DirectionPlan {
  const targets: TargetPlan[] = [...drawn.values()].map((flow) => ({
    field: flow.field.id,
    mode: flow.twoWay ? "two-way" : "one-way",
    operations: flow.compilation.operations,
    origin: "drawn",
  }));
  // The opposite direction's two-way flows read fields of this direction's target side;
  // whichever of those no drawn flow here writes gets a derived inverse.
  const targetSide = graph.sides[otherSide(sourceSide)];
  const needed = new Set<string>();
  for (const flow of opposite.values()) {
    if (!flow.twoWay) continue;
    for (const field of flow.compilation.reads) {
      if (graph.incoming(targetSide.id, field).length === 0) needed.add(field);
    }
  }
  const derived = deriveReverseFlows(
    graph,
    otherSide(sourceSide),
    opposite,
    [...needed].sort(),
    diagnostics,
  );
  for (const [field, compilation] of derived) {
    targets.push({ field, mode: "two-way", operations: compilation.operations, origin: "derived" });
  }
  targets.sort((x, y) => (x.field < y.field ? -1 : x.field > y.field ? 1 : 0));
  checkRequiredFields(targetSide, targets, diagnostics);
  return {
    source: sourceSide,
    target: otherSide(sourceSide),
    filters: compileFilters(graph, sourceSide),
    targets,
  };
}

function checkRequiredFields(
  target: SideNode,
  targets: readonly TargetPlan[],
  diagnostics: Diagnostic[],
): void {
  if (targets.length === 0) return;
  const written = new Set(targets.map((plan) => plan.field));
  const side = target.data.side.toUpperCase();
  for (const field of target.data.fields) {
    // Ids and references are resolved through record links, never mapped.
    if (
      !field.required ||
      field.type === "id" ||
      field.type === "reference" ||
      written.has(field.id)
    )
      continue;
    diagnostics.push({
      severity: "error",
      code: "unmapped-required-field",
      nodeId: target.id,
      field: `${target.data.side}.${field.id}`,
      message: `${side}.${field.id} is required by ${target.data.system}, but nothing writes it from side ${side === "A" ? "B" : "A"}, so records created there would be rejected`,
      hint: `Connect a field, a constant or a default to ${side}.${field.id}.`,
    });
  }
}

function dedupe(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((diagnostic) => {
    const key = JSON.stringify([
      diagnostic.code,
      diagnostic.nodeId,
      diagnostic.edgeId,
      diagnostic.field,
      diagnostic.message,
    ]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Compiles a parsed document into a sync plan, or explains why it cannot. */
export function compileDocument(document: MappingDocument): CompileResult {
  const built = buildMappingGraph(document);
  const diagnostics = built.diagnostics;
  const graph = built.graph;
  if (!graph || hasErrors(diagnostics))
    return { diagnostics: sortDiagnostics(dedupe(diagnostics)) };

  const flows = {
    aToB: compileDrawnFlows(graph, "a", diagnostics),
    bToA: compileDrawnFlows(graph, "b", diagnostics),
  };
  const content: SyncPlanContent = {
    format: SYNC_PLAN_FORMAT,
    sides: { a: planSide(graph.sides.a), b: planSide(graph.sides.b) },
    aToB: directionPlan(graph, "a", flows.aToB, flows.bToA, diagnostics),
    bToA: directionPlan(graph, "b", flows.bToA, flows.aToB, diagnostics),
    conflicts: compileConflictPolicies(
      graph,
      flows,
      document.settings.defaultConflictStrategy,
      diagnostics,
    ),
    matchKeys: compileMatchKeys(graph, diagnostics),
  };
  const sorted = sortDiagnostics(dedupe(diagnostics));
  if (hasErrors(sorted)) return { diagnostics: sorted };
  return {
    plan: { ...content, hash: planContentHash(content), name: document.name, diagnostics: sorted },
    diagnostics: sorted,
  };
}

/** Parses and compiles a document given as JSON text or a value; never throws on bad input. */
export function compileMapping(input: unknown): CompileResult {
  const parsed = parseMappingDocument(input);
  if (!parsed.ok) return { diagnostics: parsed.diagnostics };
  return compileDocument(parsed.document);
}
