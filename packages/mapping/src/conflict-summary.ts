import type { ConflictStrategy, MappingDocument, SideName } from "./document-schema";

export interface ConflictRuleSummary {
  strategy: ConflictStrategy;
  /** The side fields the rule is attached to, written `a.fieldId` or `b.fieldId`. */
  fields: string[];
  sentence: string;
}

export interface ConflictSummary {
  /** E.g. "Payroll wins for deduction amounts; HRIS wins for everything else." */
  text: string;
  rules: ConflictRuleSummary[];
}

export interface ConflictSummaryOptions {
  /**
   * How sentences name each system a side may hold, by its id (`@tandem/connectors`'
   * `CONNECTOR_SYSTEM_NAMES`): mapping knows no connector.
   */
  systemNames: Readonly<Record<string, string>>;
}

/** The roles templates may put on a side instead of a connector kind. */
const ROLE_NAMES: Record<string, string> = { hris: "HRIS", payroll: "Payroll" };

function systemName(system: string, systemNames: Readonly<Record<string, string>>): string {
  const id = system.toLowerCase();
  const known = Object.hasOwn(systemNames, id)
    ? systemNames[id]
    : Object.hasOwn(ROLE_NAMES, id)
      ? ROLE_NAMES[id]
      : undefined;
  if (known) return known;
  return system.length > 0 ? system.charAt(0).toUpperCase() + system.slice(1) : system;
}

/** "contribution.value" → "contribution value", "employeeDeduction" → "employee deduction". */
function fieldPhrase(id: string): string {
  return id
    .split(/[._-]/)
    .flatMap((part) => part.split(/(?<=[a-z0-9])(?=[A-Z])/))
    .filter((word) => word.length > 0)
    .map((word) => (/^[A-Z0-9]+$/.test(word) ? word : word.toLowerCase()))
    .join(" ");
}

/** "End date" reads "end date" mid-sentence; "HSA amount" keeps its acronym. */
function inSentence(label: string | undefined): string | undefined {
  if (!label) return undefined;
  return /^[A-Z][a-z]/.test(label) ? label.charAt(0).toLowerCase() + label.slice(1) : label;
}

function listPhrase(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

function sentenceFor(
  strategy: ConflictStrategy,
  subject: string,
  names: Record<SideName, string>,
): string {
  switch (strategy) {
    case "a-wins":
      return `${names.a} wins for ${subject}`;
    case "b-wins":
      return `${names.b} wins for ${subject}`;
    case "latest-change":
      return `the latest change wins for ${subject}`;
    case "prefer-non-empty":
      return `a filled-in value wins over an empty one for ${subject}`;
    case "manual-review":
      return `conflicts on ${subject} wait for manual review`;
    case "expression":
      return `an expression decides ${subject}`;
  }
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * The conflict rules of a document in plain language, naming the systems by their side labels
 * (or system names) and the fields by their labels.
 */
export function summarizeConflictRules(
  document: MappingDocument,
  options: ConflictSummaryOptions,
): ConflictSummary {
  const sides = document.nodes.flatMap((node) => (node.type === "side" ? [node] : []));
  const names: Record<SideName, string> = { a: "side A", b: "side B" };
  const sideOf = new Map<string, SideName>();
  const labels = new Map<string, string>();
  for (const side of sides) {
    names[side.data.side] = side.data.label ?? systemName(side.data.system, options.systemNames);
    sideOf.set(side.id, side.data.side);
    for (const field of side.data.fields)
      labels.set(`${side.data.side}.${field.id}`, inSentence(field.label) ?? fieldPhrase(field.id));
  }

  const rules: ConflictRuleSummary[] = [];
  for (const node of document.nodes) {
    if (node.type !== "conflictRule") continue;
    const fields = document.edges
      .filter((edge) => edge.target === node.id && sideOf.has(edge.source))
      .map((edge) => `${sideOf.get(edge.source)}.${edge.sourceHandle}`);
    const unique = [...new Set(fields)].sort();
    if (unique.length === 0) continue;
    const phrases = [...new Set(unique.map((field) => labels.get(field) ?? fieldPhrase(field)))];
    rules.push({
      strategy: node.data.strategy,
      fields: unique,
      sentence: sentenceFor(node.data.strategy, listPhrase(phrases), names),
    });
  }
  const order = (rule: ConflictRuleSummary) => rule.sentence.toLowerCase();
  rules.sort((x, y) => (order(x) < order(y) ? -1 : order(x) > order(y) ? 1 : 0));

  const rest = sentenceFor(
    document.settings.defaultConflictStrategy,
    rules.length > 0 ? "everything else" : "every field",
    names,
  );
  const text = `${capitalize([...rules.map((rule) => rule.sentence), rest].join("; "))}.`;
  return { text, rules };
}
