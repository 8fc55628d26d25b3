import { canonicalJson } from "./canonical-json";
import type {
  ConflictStrategy,
  MappingDocument,
  MappingEdge,
  MappingNode,
  SideName,
} from "./document-schema";
import type { Direction } from "./sync-plan";

export interface DiffField {
  side: SideName;
  field: string;
}

/** A value reaching a side field: the transform kinds it passes through, nearest the source first. */
export interface DiffFlow {
  direction: Direction;
  field: string;
  via: string[];
  /** Drawn by the operator, or the reverse of a drawn two-way flow. */
  origin: "drawn" | "derived";
}

export interface DiffTransformChange {
  nodeId: string;
  kind: string;
  /** The node's parameters (its data without the label); null when the node is new. */
  before: Record<string, unknown> | null;
  /** Null when the node was removed. */
  after: Record<string, unknown> | null;
}

export interface DiffRuleChange {
  /** A side field, written `a.fieldId` or `b.fieldId`. */
  field: string;
  /** The strategy of the conflict rule attached to the field; null when none is (the default applies). */
  before: ConflictStrategy | null;
  after: ConflictStrategy | null;
}

/** What changed in meaning between two mapping documents: positions, labels and order never count. */
export interface MappingDiff {
  fieldsAdded: DiffField[];
  fieldsRemoved: DiffField[];
  /** Fields present in both whose type, required, nullable, sensitive or enum values changed. */
  fieldsChanged: DiffField[];
  flowsAdded: DiffFlow[];
  flowsRemoved: DiffFlow[];
  transformsChanged: DiffTransformChange[];
  rulesChanged: DiffRuleChange[];
  matchKeysChanged: boolean;
  settingsChanged: boolean;
}

const POLICY_KINDS = new Set(["side", "conflictRule", "matchKey", "filter"]);
const byText = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
const directionInto = (side: SideName): Direction => (side === "b" ? "aToB" : "bToA");

function params(node: MappingNode): Record<string, unknown> {
  const { label: _label, ...rest } = node.data as Record<string, unknown>;
  return rest;
}

/** Every side field of a document, keyed `side.field`, with what matters about it. */
function sideFields(
  document: MappingDocument,
): Map<string, { side: SideName; id: string; meaning: string }> {
  const fields = new Map<string, { side: SideName; id: string; meaning: string }>();
  for (const node of document.nodes) {
    if (node.type !== "side") continue;
    for (const field of node.data.fields) {
      const { label: _label, ...meaning } = field;
      fields.set(`${node.data.side}.${field.id}`, {
        side: node.data.side,
        id: field.id,
        meaning: canonicalJson({
          ...meaning,
          enumValues: field.enumValues ? [...field.enumValues].sort(byText) : null,
        }),
      });
    }
  }
  return fields;
}

interface FlowShape {
  flow: DiffFlow;
  /** Structure of the flow without node ids or parameters: kinds, handles and side fields read. */
  signature: string;
}

/** The drawn flows of a document, and the reverse of every two-way one, as the compiler would derive it. */
function flowsOf(document: MappingDocument): Map<string, FlowShape> {
  const nodes = new Map(document.nodes.map((node) => [node.id, node]));
  const incoming = new Map<string, MappingEdge[]>();
  for (const edge of document.edges) {
    const list = incoming.get(edge.target) ?? [];
    list.push(edge);
    incoming.set(edge.target, list);
  }

  const trace = (
    edge: MappingEdge,
    path: ReadonlySet<string>,
    reads: Set<string>,
    via: string[],
  ): unknown => {
    const source = nodes.get(edge.source);
    if (!source) return { missing: true };
    if (source.type === "side") {
      reads.add(`${source.data.side}.${edge.sourceHandle}`);
      return { side: source.data.side, field: edge.sourceHandle };
    }
    if (path.has(source.id)) return { cycle: source.type };
    const inputs = [...(incoming.get(source.id) ?? [])].sort(
      (x, y) => byText(x.targetHandle, y.targetHandle) || byText(x.source, y.source),
    );
    const next = new Set(path).add(source.id);
    const children = inputs.map((input) => [input.targetHandle, trace(input, next, reads, via)]);
    via.push(source.type);
    return { kind: source.type, output: edge.sourceHandle, inputs: children };
  };

  const flows = new Map<string, FlowShape>();
  const drawnTwoWay: { direction: Direction; reads: string[]; via: string[]; signature: string }[] =
    [];
  for (const edge of document.edges) {
    const target = nodes.get(edge.target);
    if (target?.type !== "side") continue;
    const source = nodes.get(edge.source);
    if (!source || (source.type === "side" && source.data.side === target.data.side)) continue;
    const reads = new Set<string>();
    const via: string[] = [];
    const tree = trace(edge, new Set([target.id]), reads, via);
    const direction = directionInto(target.data.side);
    const field = edge.targetHandle;
    const signature = canonicalJson({ tree, oneWay: edge.data.oneWay });
    const key = `${direction}:${field}`;
    // A field drawn twice is a compile error; keep one of them independent of edge order.
    const existing = flows.get(key);
    if (existing && existing.signature <= signature) continue;
    flows.set(key, {
      flow: { direction, field, via, origin: "drawn" },
      signature,
    });
    if (!edge.data.oneWay) drawnTwoWay.push({ direction, reads: [...reads], via, signature });
  }
  for (const { direction, reads, via, signature } of drawnTwoWay) {
    const reverse: Direction = direction === "aToB" ? "bToA" : "aToB";
    const readSide: SideName = direction === "aToB" ? "a" : "b";
    for (const read of reads) {
      const [side, ...rest] = read.split(".");
      if (side !== readSide) continue;
      const field = rest.join(".");
      const key = `${reverse}:${field}`;
      if (flows.has(key)) continue;
      flows.set(key, {
        flow: { direction: reverse, field, via: [...via].reverse(), origin: "derived" },
        signature: canonicalJson({ reverseOf: signature }),
      });
    }
  }
  return flows;
}

function conflictRules(
  document: MappingDocument,
): Map<string, { strategy: ConflictStrategy; expression: string | null }> {
  const rules = new Map(
    document.nodes.flatMap((node) => (node.type === "conflictRule" ? [[node.id, node]] : [])),
  );
  const sides = new Map(
    document.nodes.flatMap((node) => (node.type === "side" ? [[node.id, node.data.side]] : [])),
  );
  const byField = new Map<string, { strategy: ConflictStrategy; expression: string | null }>();
  for (const edge of document.edges) {
    const rule = rules.get(edge.target);
    const side = sides.get(edge.source);
    if (!rule || !side) continue;
    byField.set(`${side}.${edge.sourceHandle}`, {
      strategy: rule.data.strategy,
      expression: rule.data.expression ?? null,
    });
  }
  return byField;
}

function matchKeys(document: MappingDocument): string {
  const sides = new Map(
    document.nodes.flatMap((node) => (node.type === "side" ? [[node.id, node.data.side]] : [])),
  );
  const keys = document.nodes.flatMap((node) => {
    if (node.type !== "matchKey") return [];
    const fields = document.edges
      .filter((edge) => edge.target === node.id && sides.has(edge.source))
      .map((edge) => `${edge.targetHandle}:${sides.get(edge.source)}.${edge.sourceHandle}`)
      .sort(byText);
    return [
      canonicalJson({ normalize: node.data.normalize, priority: node.data.priority, fields }),
    ];
  });
  return canonicalJson(keys.sort(byText));
}

const sortFields = (fields: DiffField[]) =>
  fields.sort((x, y) => byText(x.side, y.side) || byText(x.field, y.field));
const sortFlows = (flows: DiffFlow[]) =>
  flows.sort((x, y) => byText(x.direction, y.direction) || byText(x.field, y.field));

/** The change in meaning from one mapping document to another. */
export function diffMappingDocuments(from: MappingDocument, to: MappingDocument): MappingDiff {
  const fieldsBefore = sideFields(from);
  const fieldsAfter = sideFields(to);
  const fieldsAdded: DiffField[] = [];
  const fieldsRemoved: DiffField[] = [];
  const fieldsChanged: DiffField[] = [];
  for (const [key, field] of fieldsAfter) {
    const before = fieldsBefore.get(key);
    if (!before) fieldsAdded.push({ side: field.side, field: field.id });
    else if (before.meaning !== field.meaning)
      fieldsChanged.push({ side: field.side, field: field.id });
  }
  for (const [key, field] of fieldsBefore)
    if (!fieldsAfter.has(key)) fieldsRemoved.push({ side: field.side, field: field.id });

  const flowsBefore = flowsOf(from);
  const flowsAfter = flowsOf(to);
  const flowsAdded: DiffFlow[] = [];
  const flowsRemoved: DiffFlow[] = [];
  for (const [key, shape] of flowsAfter) {
    const before = flowsBefore.get(key);
    if (before?.signature === shape.signature) continue;
    flowsAdded.push(shape.flow);
    if (before) flowsRemoved.push(before.flow);
  }
  for (const [key, shape] of flowsBefore) if (!flowsAfter.has(key)) flowsRemoved.push(shape.flow);

  const transforms = (document: MappingDocument) =>
    new Map(
      document.nodes
        .filter((node) => !POLICY_KINDS.has(node.type))
        .map((node) => [node.id, node] as const),
    );
  const transformsBefore = transforms(from);
  const transformsAfter = transforms(to);
  const transformsChanged: DiffTransformChange[] = [];
  for (const id of [...new Set([...transformsBefore.keys(), ...transformsAfter.keys()])].sort(
    byText,
  )) {
    const before = transformsBefore.get(id);
    const after = transformsAfter.get(id);
    if (
      before &&
      after &&
      before.type === after.type &&
      canonicalJson(params(before)) === canonicalJson(params(after))
    )
      continue;
    transformsChanged.push({
      nodeId: id,
      kind: (after ?? before)?.type ?? "unknown",
      before: before ? params(before) : null,
      after: after ? params(after) : null,
    });
  }

  const rulesBefore = conflictRules(from);
  const rulesAfter = conflictRules(to);
  const rulesChanged: DiffRuleChange[] = [];
  for (const field of [...new Set([...rulesBefore.keys(), ...rulesAfter.keys()])].sort(byText)) {
    const before = rulesBefore.get(field);
    const after = rulesAfter.get(field);
    if (before?.strategy === after?.strategy && before?.expression === after?.expression) continue;
    rulesChanged.push({ field, before: before?.strategy ?? null, after: after?.strategy ?? null });
  }

  return {
    fieldsAdded: sortFields(fieldsAdded),
    fieldsRemoved: sortFields(fieldsRemoved),
    fieldsChanged: sortFields(fieldsChanged),
    flowsAdded: sortFlows(flowsAdded),
    flowsRemoved: sortFlows(flowsRemoved),
    transformsChanged,
    rulesChanged,
    matchKeysChanged: matchKeys(from) !== matchKeys(to),
    settingsChanged: canonicalJson(from.settings) !== canonicalJson(to.settings),
  };
}

/** Counts of a diff and a one-line sentence for version lists ("2 fields added, 1 rule changed"). */
export interface VersionSummary {
  fieldsAdded: number;
  fieldsRemoved: number;
  fieldsChanged: number;
  flowsAdded: number;
  flowsRemoved: number;
  transformsChanged: number;
  rulesChanged: number;
  matchKeysChanged: boolean;
  settingsChanged: boolean;
  text: string;
}

const counted = (count: number, noun: string, verb: string) =>
  count === 0 ? [] : [`${count} ${noun}${count === 1 ? "" : "s"} ${verb}`];

export function summarizeDiff(diff: MappingDiff): VersionSummary {
  const parts = [
    ...counted(diff.fieldsAdded.length, "field", "added"),
    ...counted(diff.fieldsRemoved.length, "field", "removed"),
    ...counted(diff.fieldsChanged.length, "field", "changed"),
    ...counted(diff.flowsAdded.length, "flow", "added"),
    ...counted(diff.flowsRemoved.length, "flow", "removed"),
    ...counted(diff.transformsChanged.length, "transform", "changed"),
    ...counted(diff.rulesChanged.length, "rule", "changed"),
    ...(diff.matchKeysChanged ? ["match keys changed"] : []),
    ...(diff.settingsChanged ? ["settings changed"] : []),
  ];
  return {
    fieldsAdded: diff.fieldsAdded.length,
    fieldsRemoved: diff.fieldsRemoved.length,
    fieldsChanged: diff.fieldsChanged.length,
    flowsAdded: diff.flowsAdded.length,
    flowsRemoved: diff.flowsRemoved.length,
    transformsChanged: diff.transformsChanged.length,
    rulesChanged: diff.rulesChanged.length,
    matchKeysChanged: diff.matchKeysChanged,
    settingsChanged: diff.settingsChanged,
    text: parts.length === 0 ? "no changes" : parts.join(", "),
  };
}

export function isEmptyDiff(diff: MappingDiff): boolean {
  return summarizeDiff(diff).text === "no changes";
}
