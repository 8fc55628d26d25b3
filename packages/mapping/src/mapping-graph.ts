import type { Diagnostic } from "./diagnostic";
import type {
  MappingDocument,
  MappingEdge,
  MappingNode,
  NodeOfKind,
  SideField,
  SideName,
} from "./document-schema";
import { checkExpression } from "./expression-sandbox";
import {
  acceptsManyEdges,
  isOptionalInput,
  nodeHandleSets,
  nodeHandles,
  takesSideFieldsOnly,
} from "./node-handles";
import { datePatternError } from "./transforms/date-format";

export type SideNode = NodeOfKind<"side">;

/** A document indexed for the compiler: nodes by id and edges by the handle they touch. */
export interface MappingGraph {
  document: MappingDocument;
  nodes: ReadonlyMap<string, MappingNode>;
  sides: Readonly<Record<SideName, SideNode>>;
  /** Edges entering a node's input handle. */
  incoming(nodeId: string, handle: string): readonly MappingEdge[];
  /** Edges leaving a node's output handle. */
  outgoing(nodeId: string, handle: string): readonly MappingEdge[];
}

/** Edges by node id, then by handle: two lookups, where one string key per lookup allocated. */
type EdgesByHandle = Map<string, Map<string, MappingEdge[]>>;

function addEdge(index: EdgesByHandle, nodeId: string, handle: string, edge: MappingEdge): void {
  let byHandle = index.get(nodeId);
  if (!byHandle) {
    byHandle = new Map();
    index.set(nodeId, byHandle);
  }
  const list = byHandle.get(handle);
  if (list) list.push(edge);
  else byHandle.set(handle, [edge]);
}

const NO_EDGES: readonly MappingEdge[] = Object.freeze([]);

export function otherSide(side: SideName): SideName {
  return side === "a" ? "b" : "a";
}

export function describeNode(node: MappingNode): string {
  return node.data.label
    ? `"${node.data.label}" (${node.type} ${node.id})`
    : `${node.type} node "${node.id}"`;
}

function checkNodeParameters(node: MappingNode, diagnostics: Diagnostic[]): void {
  const expressions: string[] = [];
  if (node.type === "expression") expressions.push(node.data.expression);
  if (node.type === "conflictRule") {
    if (node.data.strategy === "expression" && node.data.expression === undefined) {
      diagnostics.push({
        severity: "error",
        code: "invalid-document",
        nodeId: node.id,
        message: `${describeNode(node)} uses the expression strategy but has no expression`,
        hint: 'Write an expression that returns "a", "b" or "review".',
      });
    }
    if (node.data.expression !== undefined) expressions.push(node.data.expression);
  }
  for (const expression of expressions) {
    const check = checkExpression(expression);
    if (!check.ok) {
      diagnostics.push({
        severity: "error",
        code: check.problem === "syntax" ? "invalid-expression" : "forbidden-expression-function",
        nodeId: node.id,
        message: `the expression of ${describeNode(node)} ${check.problem === "syntax" ? `is not valid JSONata: ${check.message}` : check.message}`,
        hint:
          check.problem === "syntax"
            ? `Check the expression near character ${check.position ?? 0}.`
            : "Pass times in as fields of the record instead of reading the clock.",
      });
    }
  }
  if (node.type === "dateFormat") {
    for (const pattern of [node.data.from, node.data.to]) {
      const error = datePatternError(pattern);
      if (error !== undefined) {
        diagnostics.push({
          severity: "error",
          code: "invalid-document",
          nodeId: node.id,
          message: `${describeNode(node)}: ${error}`,
          hint: 'Write the pattern with YYYY, MM and DD, e.g. "YYYY-MM-DD" or "MM/DD/YYYY".',
        });
      }
    }
  }
}

function checkDuplicates(document: MappingDocument, diagnostics: Diagnostic[]): void {
  const seen = new Set<string>();
  for (const item of [...document.nodes, ...document.edges]) {
    if (seen.has(item.id)) {
      diagnostics.push({
        severity: "error",
        code: "duplicate-id",
        message: `id "${item.id}" is used twice`,
        nodeId: item.id,
      });
    }
    seen.add(item.id);
  }
  for (const node of document.nodes) {
    if (node.type !== "side") continue;
    const fields = new Set<string>();
    for (const field of node.data.fields) {
      if (fields.has(field.id)) {
        diagnostics.push({
          severity: "error",
          code: "duplicate-id",
          nodeId: node.id,
          field: `${node.data.side}.${field.id}`,
          message: `side ${node.data.side} declares field "${field.id}" twice`,
        });
      }
      fields.add(field.id);
    }
  }
}

function findSides(
  document: MappingDocument,
  diagnostics: Diagnostic[],
): Record<SideName, SideNode> | undefined {
  const found: Partial<Record<SideName, SideNode>> = {};
  for (const node of document.nodes) {
    if (node.type !== "side") continue;
    if (found[node.data.side]) {
      diagnostics.push({
        severity: "error",
        code: "duplicate-id",
        nodeId: node.id,
        message: `there are two side ${node.data.side.toUpperCase()} nodes ("${found[node.data.side]?.id}" and "${node.id}")`,
        hint: "A mapping connects exactly one entity of system A with one entity of system B.",
      });
    } else {
      found[node.data.side] = node;
    }
  }
  for (const side of ["a", "b"] as const) {
    if (!found[side]) {
      diagnostics.push({
        severity: "error",
        code: "side-missing",
        message: `the mapping has no side ${side.toUpperCase()} node`,
        hint: `Add a node of kind "side" with data.side "${side}" describing the entity of that system.`,
      });
    }
  }
  return found.a && found.b ? { a: found.a, b: found.b } : undefined;
}

function checkEdge(
  edge: MappingEdge,
  nodes: ReadonlyMap<string, MappingNode>,
  diagnostics: Diagnostic[],
): boolean {
  const source = nodes.get(edge.source);
  const target = nodes.get(edge.target);
  for (const [end, node] of [
    ["source", source],
    ["target", target],
  ] as const) {
    if (!node) {
      diagnostics.push({
        severity: "error",
        code: "dangling-edge",
        edgeId: edge.id,
        message: `edge "${edge.id}" points at ${end} node "${end === "source" ? edge.source : edge.target}", which does not exist`,
        hint: "Delete the edge or reconnect it.",
      });
    }
  }
  if (!source || !target) return false;
  let ok = true;
  for (const [end, node, handle, handles] of [
    ["source", source, edge.sourceHandle, nodeHandleSets(source).outputs],
    ["target", target, edge.targetHandle, nodeHandleSets(target).inputs],
  ] as const) {
    if (!handles.has(handle)) {
      ok = false;
      diagnostics.push({
        severity: "error",
        code: "missing-handle",
        edgeId: edge.id,
        nodeId: node.id,
        message: `edge "${edge.id}" uses ${end} handle "${handle}", which ${describeNode(node)} does not have`,
        hint:
          handles.size > 0
            ? `Its ${end === "source" ? "outputs" : "inputs"} are: ${[...handles].join(", ")}.`
            : `It has no ${end === "source" ? "outputs" : "inputs"}.`,
      });
    }
  }
  if (source.type === "side" && target.type === "side" && source.data.side === target.data.side) {
    ok = false;
    diagnostics.push({
      severity: "error",
      code: "same-side-edge",
      edgeId: edge.id,
      message: `edge "${edge.id}" connects two fields of side ${source.data.side.toUpperCase()}`,
      hint: "A mapping edge goes from a field of one system to a field of the other.",
    });
  }
  if (takesSideFieldsOnly(target) && source.type !== "side") {
    ok = false;
    diagnostics.push({
      severity: "error",
      code: "type-mismatch",
      edgeId: edge.id,
      nodeId: target.id,
      message: `${describeNode(target)} must be connected straight to a field of a side, not to ${describeNode(source)}`,
    });
  }
  if (
    target.type === "matchKey" &&
    source.type === "side" &&
    source.data.side !== edge.targetHandle
  ) {
    ok = false;
    diagnostics.push({
      severity: "error",
      code: "type-mismatch",
      edgeId: edge.id,
      nodeId: target.id,
      message: `input "${edge.targetHandle}" of ${describeNode(target)} takes a field of side ${edge.targetHandle.toUpperCase()}, not side ${source.data.side.toUpperCase()}`,
    });
  }
  return ok;
}

function checkInputs(graph: MappingGraph, diagnostics: Diagnostic[]): void {
  for (const node of graph.nodes.values()) {
    if (node.type === "side") {
      for (const field of node.data.fields) {
        const writers = graph.incoming(node.id, field.id);
        if (writers.length > 1) {
          diagnostics.push({
            severity: "error",
            code: "field-written-twice",
            nodeId: node.id,
            edgeId: writers[1]?.id,
            field: `${node.data.side}.${field.id}`,
            message: `field ${node.data.side.toUpperCase()}.${field.id} is written by ${writers.length} edges (${writers.map((edge) => edge.id).join(", ")})`,
            hint: "Keep one edge, or combine the values first with a coalesce or concat node.",
          });
        }
      }
      continue;
    }
    const handles = nodeHandles(node);
    for (const handle of handles.inputs) {
      const edges = graph.incoming(node.id, handle);
      if (edges.length === 0 && !isOptionalInput(node, handle)) {
        diagnostics.push({
          severity: "error",
          code: "input-not-connected",
          nodeId: node.id,
          message: `input "${handle}" of ${describeNode(node)} is not connected`,
          hint: "Connect a field or another node's output to it, or delete the node.",
        });
      } else if (edges.length > 1 && !acceptsManyEdges(node, handle)) {
        diagnostics.push({
          severity: "error",
          code: "input-connected-twice",
          nodeId: node.id,
          edgeId: edges[1]?.id,
          message: `input "${handle}" of ${describeNode(node)} has ${edges.length} edges; it takes one`,
          hint: "Use a coalesce node to choose between several values.",
        });
      }
    }
    if (
      handles.outputs.length > 0 &&
      handles.outputs.every((handle) => graph.outgoing(node.id, handle).length === 0)
    ) {
      diagnostics.push({
        severity: "warning",
        code: "unused-node",
        nodeId: node.id,
        message: `${describeNode(node)} does not feed any field`,
        hint: "Connect its output to a field, or delete it.",
      });
    }
  }
}

/** Indexes nodes and edges without checking them; the edges must already be known to be sound. */
export function indexMappingGraph(
  document: MappingDocument,
  nodeList: readonly MappingNode[],
  edges: readonly MappingEdge[],
  sides: Readonly<Record<SideName, SideNode>>,
): MappingGraph {
  const incoming: EdgesByHandle = new Map();
  const outgoing: EdgesByHandle = new Map();
  for (const edge of edges) {
    addEdge(incoming, edge.target, edge.targetHandle, edge);
    addEdge(outgoing, edge.source, edge.sourceHandle, edge);
  }
  return {
    document,
    nodes: new Map(nodeList.map((node) => [node.id, node])),
    sides,
    incoming: (nodeId, handle) => incoming.get(nodeId)?.get(handle) ?? NO_EDGES,
    outgoing: (nodeId, handle) => outgoing.get(nodeId)?.get(handle) ?? NO_EDGES,
  };
}

/** Indexes a parsed document and checks what the schema cannot: ids, sides, edges, handles, parameters. */
export function buildMappingGraph(document: MappingDocument): {
  graph?: MappingGraph;
  diagnostics: Diagnostic[];
} {
  const diagnostics: Diagnostic[] = [];
  checkDuplicates(document, diagnostics);
  const sides = findSides(document, diagnostics);
  const nodes = new Map(document.nodes.map((node) => [node.id, node]));
  for (const node of document.nodes) checkNodeParameters(node, diagnostics);
  const soundEdges = document.edges.filter((edge) => checkEdge(edge, nodes, diagnostics));
  if (!sides) return { diagnostics };
  const graph = indexMappingGraph(document, document.nodes, soundEdges, sides);
  checkInputs(graph, diagnostics);
  return { graph, diagnostics };
}

const fieldIndexes = new WeakMap<SideNode, ReadonlyMap<string, SideField>>();

/** A side's fields by id, cached per node. */
export function sideFieldIndex(node: SideNode): ReadonlyMap<string, SideField> {
  let index = fieldIndexes.get(node);
  if (!index) {
    index = new Map(node.data.fields.map((field) => [field.id, field]));
    fieldIndexes.set(node, index);
  }
  return index;
}
