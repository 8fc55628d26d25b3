import { currencyMinorUnitDigits } from "@tandem/hr-model";
import type { Diagnostic } from "./diagnostic";
import type { MappingEdge, MappingNode, Scalar, SideField, SideName } from "./document-schema";
import { describeNode, sideFieldIndex, type MappingGraph } from "./mapping-graph";
import type { Operation } from "./sync-plan";
import {
  commonKind,
  fieldKind,
  kindsCompatible,
  moneyFormatKind,
  scalarKind,
  type ValueKind,
} from "./value-kind";

/** A hostile document can share nodes so that expanding a flow grows exponentially; this caps it. */
export const MAX_OPERATIONS_PER_FLOW = 2_000;

interface ValueInfo {
  kind: ValueKind;
  /** The enum values of the field read directly, for enum-coverage checks. */
  enumValues?: readonly string[];
  /** Every value the flow can produce, when that set is known and finite. */
  possibleValues?: readonly Scalar[];
}

export interface FlowCompilation {
  operations: Operation[];
  /** Source-side field ids the flow reads. */
  reads: Set<string>;
  /** Every edge the flow traverses, the edge into the target field included. */
  edges: MappingEdge[];
}

export interface FlowCompilerContext {
  graph: MappingGraph;
  sourceSide: SideName;
  diagnostics: Diagnostic[];
  /** Nodes the flow may not pass through, with the diagnostic to give when it tries. */
  blockedNode?: (node: MappingNode, targetField: string) => Diagnostic | undefined;
  /** Called when an input has no edge or several; the forward graph already reported those. */
  badInput?: (
    node: MappingNode,
    handle: string,
    edges: readonly MappingEdge[],
    targetField: string,
  ) => Diagnostic | undefined;
}

const sideLabel = (side: SideName) => side.toUpperCase();

/** Built without object spreads, which are slow to build and this runs per node per flow. */
function valueInfo(
  kind: ValueKind,
  possibleValues?: readonly Scalar[],
  enumValues?: readonly string[],
): ValueInfo {
  const info: ValueInfo = { kind };
  if (enumValues) info.enumValues = enumValues;
  if (possibleValues) info.possibleValues = possibleValues;
  return info;
}

function unionValues(
  infos: readonly ValueInfo[],
  extra: readonly Scalar[] = [],
): readonly Scalar[] | undefined {
  const values: Scalar[] = [...extra];
  for (const info of infos) {
    if (!info.possibleValues) return undefined;
    values.push(...info.possibleValues);
  }
  return values;
}

/**
 * The state of compiling one flow, threaded through the functions below. Operations are built
 * with their keys in sorted order: the plan hash then prints them without copying.
 */
interface FlowState {
  context: FlowCompilerContext;
  targetSide: SideName;
  targetName: string;
  operations: Operation[];
  reads: Set<string>;
  edges: MappingEdge[];
  visiting: string[];
  failed: boolean;
}

function fail(state: FlowState, diagnostic: Diagnostic | undefined): undefined {
  if (diagnostic) state.context.diagnostics.push(diagnostic);
  state.failed = true;
  return undefined;
}

function expect(
  state: FlowState,
  info: ValueInfo | undefined,
  expected: ValueKind,
  node: MappingNode,
  edge: MappingEdge,
  what: string,
): void {
  if (info && !kindsCompatible(info.kind, expected)) {
    fail(state, {
      severity: "error",
      code: "type-mismatch",
      nodeId: node.id,
      edgeId: edge.id,
      message: `${describeNode(node)} expects ${what} as ${expected}, but receives ${info.kind}`,
      hint: "Insert a conversion node before it, or connect a field of the right type.",
    });
  }
}

function input(
  state: FlowState,
  node: MappingNode,
  handle: string,
  optional = false,
): { info?: ValueInfo; edge?: MappingEdge } {
  const incoming = state.context.graph.incoming(node.id, handle);
  const [edge] = incoming;
  if (incoming.length === 0 && optional) return {};
  if (incoming.length !== 1 || !edge) {
    fail(state, state.context.badInput?.(node, handle, incoming, state.targetName));
    return {};
  }
  state.edges.push(edge);
  return { info: valueOf(state, edge.source, edge.sourceHandle), edge };
}

function unary(
  state: FlowState,
  node: MappingNode,
  expected: ValueKind,
  what: string,
): ValueInfo | undefined {
  const { info, edge } = input(state, node, "in");
  if (edge) expect(state, info, expected, node, edge, what);
  return info;
}

function valueOf(state: FlowState, nodeId: string, handle: string): ValueInfo | undefined {
  const { context, operations, visiting, targetName, targetSide } = state;
  const { graph, sourceSide } = context;
  if (state.failed) return undefined;
  if (operations.length >= MAX_OPERATIONS_PER_FLOW) {
    return fail(state, {
      severity: "error",
      code: "invalid-document",
      message: `the flow into ${targetName} expands to more than ${MAX_OPERATIONS_PER_FLOW} operations`,
      hint: "Simplify the flow; nodes reused many times over multiply its size.",
    });
  }
  const node = graph.nodes.get(nodeId);
  if (!node) return fail(state, undefined);
  if (node.type === "side") {
    if (node.data.side !== sourceSide) {
      return fail(state, {
        severity: "error",
        code: "same-side-edge",
        nodeId: node.id,
        field: `${node.data.side}.${handle}`,
        message: `the flow into ${targetName} reads ${sideLabel(node.data.side)}.${handle}, a field of its own side`,
        hint: `A field of side ${sideLabel(targetSide)} is computed from fields of side ${sideLabel(sourceSide)} only.`,
      });
    }
    const field = sideFieldIndex(node).get(handle);
    if (!field) return fail(state, undefined);
    operations.push({ field: field.id, node: node.id, op: "read" });
    state.reads.add(field.id);
    return valueInfo(fieldKind(field.type), undefined, field.enumValues);
  }
  const blocked = context.blockedNode?.(node, targetName);
  if (blocked) return fail(state, blocked);
  if (visiting.includes(node.id)) {
    const cycle = [...visiting.slice(visiting.indexOf(node.id)), node.id];
    return fail(state, {
      severity: "error",
      code: "cycle",
      nodeId: node.id,
      message: `nodes form a cycle: ${cycle.join(" → ")}`,
      hint: "A value cannot depend on itself; remove one of the edges of the cycle.",
    });
  }
  visiting.push(node.id);
  const info = compileNode(state, node, handle);
  visiting.pop();
  return state.failed ? undefined : info;
}

function compileNode(state: FlowState, node: MappingNode, handle: string): ValueInfo | undefined {
  const { operations, targetName } = state;
  const diagnostics = state.context.diagnostics;
  switch (node.type) {
    case "side":
    case "filter":
    case "conflictRule":
    case "matchKey":
      return fail(state, undefined);
    case "constant":
      operations.push({ node: node.id, op: "constant", value: node.data.value });
      return { kind: scalarKind(node.data.value), possibleValues: [node.data.value] };
    case "enumMap":
    case "lookup": {
      const { info, edge } = input(state, node, "in");
      const entries = node.data.entries.map((entry): [Scalar, Scalar] => [entry.from, entry.to]);
      // A lookup table is partial by nature; only an enum map promises to cover the enum.
      if (
        node.type === "enumMap" &&
        info?.enumValues &&
        edge &&
        node.data.unmapped.action === "skip"
      ) {
        const missing = info.enumValues.filter(
          (value) => !entries.some(([from]) => from === value),
        );
        if (missing.length > 0) {
          diagnostics.push({
            severity: "warning",
            code: "enum-value-unmapped",
            nodeId: node.id,
            edgeId: edge.id,
            message: `${missing.map((value) => JSON.stringify(value)).join(", ")} ${missing.length === 1 ? "has" : "have"} no entry in ${describeNode(node)}, so records with ${missing.length === 1 ? "it" : "them"} leave ${targetName} unchanged`,
            hint: "Add an entry for each value, or choose what unmapped values become.",
          });
        }
      }
      operations.push({ entries, node: node.id, op: "map", unmapped: node.data.unmapped });
      const outputs = entries.map(([, to]) => to);
      const unmapped = node.data.unmapped;
      if (unmapped.action === "value") outputs.push(unmapped.value);
      return unmapped.action === "passthrough"
        ? valueInfo("any")
        : valueInfo(commonKind(outputs.map(scalarKind)), [...outputs, null]);
    }
    case "dateFormat":
      unary(state, node, "text", "a date");
      operations.push({
        from: node.data.from,
        node: node.id,
        op: "dateFormat",
        to: node.data.to,
      });
      return { kind: "text" };
    case "money": {
      unary(state, node, moneyFormatKind(node.data.from), `an amount (${node.data.from})`);
      const decimals = node.data.decimals ?? currencyMinorUnitDigits(node.data.currency);
      operations.push({
        currency: node.data.currency,
        decimals,
        from: node.data.from,
        node: node.id,
        op: "money",
        to: node.data.to,
      });
      return { kind: moneyFormatKind(node.data.to) };
    }
    case "concat": {
      for (let i = 1; i <= node.data.inputs; i++) {
        const { info, edge } = input(state, node, `in${i}`);
        if (info?.kind === "boolean" && edge)
          expect(state, info, "text", node, edge, `input in${i}`);
      }
      operations.push({
        arity: node.data.inputs,
        node: node.id,
        op: "concat",
        separator: node.data.separator,
      });
      return { kind: "text" };
    }
    case "split": {
      unary(state, node, "text", "text");
      const index = Number(handle.slice("out".length)) - 1;
      operations.push({
        index,
        node: node.id,
        op: "split",
        parts: node.data.parts,
        separator: node.data.separator,
      });
      return { kind: "text" };
    }
    case "default": {
      const info = unary(state, node, "any", "a value");
      operations.push({ node: node.id, op: "default", value: node.data.value });
      const kind = commonKind([info?.kind ?? "any", scalarKind(node.data.value)]);
      const possibleValues = info ? unionValues([info], [node.data.value]) : undefined;
      return valueInfo(kind, possibleValues);
    }
    case "coalesce": {
      const infos: ValueInfo[] = [];
      for (let i = 1; i <= node.data.inputs; i++) {
        const { info } = input(state, node, `in${i}`);
        if (info) infos.push(info);
      }
      operations.push({ arity: node.data.inputs, node: node.id, op: "coalesce" });
      const possibleValues = unionValues(infos, [null]);
      return valueInfo(commonKind(infos.map((info) => info.kind)), possibleValues);
    }
    case "condition": {
      input(state, node, "test");
      const then = input(state, node, "then").info;
      const otherwise = input(state, node, "else", true);
      operations.push({
        hasElse: otherwise.edge !== undefined,
        node: node.id,
        op: "condition",
        predicate: node.data.predicate,
      });
      const infos = [then, otherwise.info].filter((info): info is ValueInfo => info !== undefined);
      const possibleValues = unionValues(infos);
      return valueInfo(commonKind(infos.map((info) => info.kind)), possibleValues);
    }
    case "expression":
      for (const name of node.data.inputs) input(state, node, name);
      operations.push({
        expression: node.data.expression,
        inputs: node.data.inputs,
        node: node.id,
        op: "expression",
      });
      return { kind: "any" };
  }
}

/**
 * Compiles the flow that ends in `targetField` into a postfix program, checking types, enum
 * coverage and cycles on the way. Returns undefined when the flow cannot be compiled; the
 * reasons are in `context.diagnostics`.
 */
export function compileFlow(
  context: FlowCompilerContext,
  targetField: SideField,
  terminalEdge: MappingEdge,
): FlowCompilation | undefined {
  const targetSide = context.sourceSide === "a" ? "b" : "a";
  const state: FlowState = {
    context,
    targetSide,
    targetName: `${sideLabel(targetSide)}.${targetField.id}`,
    operations: [],
    reads: new Set<string>(),
    edges: [terminalEdge],
    visiting: [],
    failed: false,
  };
  const { targetName, operations, reads, edges } = state;
  const result = valueOf(state, terminalEdge.source, terminalEdge.sourceHandle);
  if (state.failed || !result) return undefined;
  const expected = fieldKind(targetField.type);
  if (!kindsCompatible(result.kind, expected)) {
    return fail(state, {
      severity: "error",
      code: "type-mismatch",
      edgeId: terminalEdge.id,
      field: `${targetSide}.${targetField.id}`,
      message: `${targetName} is ${targetField.type}, but the flow into it produces ${result.kind}`,
      hint: "Add a conversion (money, date format, enum map) before the field.",
    });
  }
  if (targetField.enumValues && result.possibleValues) {
    const allowed = new Set<Scalar>(targetField.enumValues);
    const unknown = [...new Set(result.possibleValues)].filter(
      (value) => value !== null && !allowed.has(value),
    );
    if (unknown.length > 0) {
      return fail(state, {
        severity: "error",
        code: "enum-value-unknown",
        edgeId: terminalEdge.id,
        field: `${targetSide}.${targetField.id}`,
        message: `the flow into ${targetName} can produce ${unknown.map((value) => JSON.stringify(value)).join(", ")}, which ${targetName} does not accept`,
        hint: `${targetName} accepts: ${targetField.enumValues.join(", ")}.`,
      });
    }
  }
  return { operations, reads, edges };
}
