import type { Diagnostic } from "./diagnostic";
import type { ConflictStrategy, NodeOfKind, SideName } from "./document-schema";
import type { DrawnFlow } from "./drawn-flows";
import { describeNode, type MappingGraph } from "./mapping-graph";
import type { ConflictPolicy, EntityFilter, MatchKey } from "./sync-plan";

const byText = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

function sideFieldsFeeding(
  graph: MappingGraph,
  nodeId: string,
  handle: string,
): { side: SideName; field: string }[] {
  return graph.incoming(nodeId, handle).flatMap((edge) => {
    const source = graph.nodes.get(edge.source);
    return source?.type === "side" ? [{ side: source.data.side, field: edge.sourceHandle }] : [];
  });
}

/** Keys in sorted order, without spreads: the plan hash then prints the policy without a copy. */
function conflictPolicy(
  link: { a: string[]; b: string[] },
  rule: NodeOfKind<"conflictRule"> | undefined,
  defaultStrategy: ConflictStrategy,
): ConflictPolicy {
  const { a, b } = link;
  if (!rule) return { a, b, strategy: defaultStrategy };
  const { expression, strategy } = rule.data;
  return expression === undefined
    ? { a, b, node: rule.id, strategy }
    : { a, b, expression, node: rule.id, strategy };
}

/** One policy per pair of fields linked by a two-way flow: the rule attached to them, or the default. */
export function compileConflictPolicies(
  graph: MappingGraph,
  flows: { aToB: ReadonlyMap<string, DrawnFlow>; bToA: ReadonlyMap<string, DrawnFlow> },
  defaultStrategy: ConflictStrategy,
  diagnostics: Diagnostic[],
): ConflictPolicy[] {
  const links = new Map<string, { a: string[]; b: string[] }>();
  const addLink = (a: string[], b: string[]) => {
    const link = { a: [...a].sort(byText), b: [...b].sort(byText) };
    links.set(`${link.a.join("\u0000")}\u0001${link.b.join("\u0000")}`, link);
  };
  for (const flow of flows.aToB.values())
    if (flow.twoWay) addLink([...flow.compilation.reads], [flow.field.id]);
  for (const flow of flows.bToA.values())
    if (flow.twoWay) addLink([flow.field.id], [...flow.compilation.reads]);

  const rules = graph.document.nodes
    .filter((node): node is NodeOfKind<"conflictRule"> => node.type === "conflictRule")
    .map((node, order) => ({ node, order, fields: sideFieldsFeeding(graph, node.id, "fields") }));
  type Rule = (typeof rules)[number];
  // Indexed both ways, so matching rules to links stays linear in their number.
  const fieldKey = (side: SideName, field: string) => `${side}\u0000${field}`;
  const linkedFields = new Set<string>();
  for (const link of links.values()) {
    for (const field of link.a) linkedFields.add(fieldKey("a", field));
    for (const field of link.b) linkedFields.add(fieldKey("b", field));
  }
  const rulesByField = new Map<string, Rule[]>();
  for (const rule of rules) {
    for (const { side, field } of rule.fields) {
      const key = fieldKey(side, field);
      const attached = rulesByField.get(key);
      if (!attached) rulesByField.set(key, [rule]);
      else if (!attached.includes(rule)) attached.push(rule);
      if (!linkedFields.has(key)) {
        diagnostics.push({
          severity: "warning",
          code: "conflict-rule-on-one-way-field",
          nodeId: rule.node.id,
          field: `${side}.${field}`,
          message: `${describeNode(rule.node)} is attached to ${side.toUpperCase()}.${field}, which is not synced both ways, so it never applies`,
          hint: "Conflicts only arise on two-way fields; remove the rule or make the field two-way.",
        });
      }
    }
  }
  const attachedRules = (link: { a: string[]; b: string[] }): Rule[] => {
    const attached = new Set<Rule>();
    for (const field of link.a)
      for (const rule of rulesByField.get(fieldKey("a", field)) ?? []) attached.add(rule);
    for (const field of link.b)
      for (const rule of rulesByField.get(fieldKey("b", field)) ?? []) attached.add(rule);
    // In document order: the first rule applies, a second one is reported.
    return [...attached].sort((x, y) => x.order - y.order);
  };

  const policies: ConflictPolicy[] = [];
  for (const link of links.values()) {
    const attached = attachedRules(link);
    const [rule, second] = attached;
    if (rule && second) {
      diagnostics.push({
        severity: "error",
        code: "conflicting-conflict-rules",
        nodeId: second.node.id,
        message: `the fields ${[...link.a.map((f) => `A.${f}`), ...link.b.map((f) => `B.${f}`)].join(", ")} have two conflict rules: ${describeNode(rule.node)} and ${describeNode(second.node)}`,
        hint: "Detach one of the rules from these fields.",
      });
    }
    policies.push(conflictPolicy(link, rule?.node, defaultStrategy));
  }
  // Sort keys computed once per policy, not once per comparison.
  const order = new Map(
    policies.map((policy) => [policy, `${policy.b.join(",")}|${policy.a.join(",")}`]),
  );
  return policies.sort((x, y) => byText(order.get(x) ?? "", order.get(y) ?? ""));
}

export function compileMatchKeys(graph: MappingGraph, diagnostics: Diagnostic[]): MatchKey[] {
  const byPriority = new Map<number, MatchKey>();
  for (const node of graph.document.nodes) {
    if (node.type !== "matchKey") continue;
    const [a] = sideFieldsFeeding(graph, node.id, "a");
    const [b] = sideFieldsFeeding(graph, node.id, "b");
    if (!a || !b) continue;
    const key = byPriority.get(node.data.priority) ?? { priority: node.data.priority, fields: [] };
    key.fields.push({ a: a.field, b: b.field, normalize: node.data.normalize, node: node.id });
    byPriority.set(node.data.priority, key);
  }
  if (byPriority.size === 0) {
    diagnostics.push({
      severity: "error",
      code: "missing-match-keys",
      message:
        "the mapping has no record-matching key, so a sync cannot tell which records are the same person and would create duplicates",
      hint: "Add a match-key node between two fields that identify a record on both sides, such as the work email.",
    });
  }
  const keys = [...byPriority.values()].sort((x, y) => x.priority - y.priority);
  for (const key of keys) key.fields.sort((x, y) => byText(x.a, y.a) || byText(x.b, y.b));
  return keys;
}

export function compileFilters(graph: MappingGraph, sourceSide: SideName): EntityFilter[] {
  const filters: EntityFilter[] = [];
  for (const node of graph.document.nodes) {
    if (node.type !== "filter") continue;
    const [input] = sideFieldsFeeding(graph, node.id, "in");
    if (input?.side === sourceSide)
      filters.push({ node: node.id, field: input.field, predicate: node.data.predicate });
  }
  return filters.sort((x, y) => byText(x.node, y.node));
}
