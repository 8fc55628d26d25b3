import { FieldType } from "@tandem/hr-model";
import { z } from "zod";

export const MAPPING_FORMAT = "tandem.mapping/v1";

/** Bounds that keep a hostile or broken document from exhausting memory or time. */
export const MAPPING_LIMITS = {
  maxDocumentChars: 5_000_000,
  maxNodes: 5_000,
  maxEdges: 20_000,
  maxFieldsPerSide: 2_000,
  maxTableEntries: 5_000,
  maxExpressionChars: 10_000,
  maxTextChars: 10_000,
  maxArity: 10,
} as const;

const text = z.string().max(MAPPING_LIMITS.maxTextChars);
const RESERVED_SEGMENTS = new Set(["__proto__", "constructor", "prototype"]);
const Id = z.string().min(1).max(200);
const FieldId = z
  .string()
  .regex(
    /^[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z_][A-Za-z0-9_-]*)*$/,
    "a field id is letters, digits, _ and -, with dots between path segments",
  )
  .max(200)
  .refine(
    (id) => !id.split(".").some((segment) => RESERVED_SEGMENTS.has(segment)),
    "__proto__, constructor and prototype cannot be field names",
  );
export const Scalar = z.union([text, z.number(), z.boolean(), z.null()]);
export type Scalar = z.infer<typeof Scalar>;
const Position = z.object({ x: z.number(), y: z.number() });
const Label = text.optional();
const Arity = z.number().int().min(2).max(MAPPING_LIMITS.maxArity);

export const SideField = z.object({
  id: FieldId.describe(
    "The handle id; also the dotted path of the value in the record, e.g. compensation.rate",
  ),
  type: FieldType,
  required: z.boolean().default(false),
  nullable: z.boolean().default(true),
  sensitive: z.boolean().default(false),
  enumValues: z.array(text).max(MAPPING_LIMITS.maxTableEntries).optional(),
  label: Label,
});
export type SideField = z.infer<typeof SideField>;

export const SideName = z.enum(["a", "b"]);
export type SideName = z.infer<typeof SideName>;

export const UnmappedValue = z.discriminatedUnion("action", [
  z.object({ action: z.literal("skip") }),
  z.object({ action: z.literal("passthrough") }),
  z.object({ action: z.literal("value"), value: Scalar }),
]);
export type UnmappedValue = z.infer<typeof UnmappedValue>;

export const Predicate = z.discriminatedUnion("test", [
  z.object({ test: z.literal("equals"), value: Scalar }),
  z.object({ test: z.literal("notEquals"), value: Scalar }),
  z.object({ test: z.literal("in"), values: z.array(Scalar).max(MAPPING_LIMITS.maxTableEntries) }),
  z.object({
    test: z.literal("notIn"),
    values: z.array(Scalar).max(MAPPING_LIMITS.maxTableEntries),
  }),
  z.object({ test: z.literal("empty") }),
  z.object({ test: z.literal("notEmpty") }),
]);
export type Predicate = z.infer<typeof Predicate>;

/** Tokens YYYY, MM and DD, once each; everything else is literal, e.g. "MM/DD/YYYY". */
export const DatePattern = z.string().min(8).max(64);

export const MONEY_FORMATS = [
  "minor",
  "decimal-string",
  "decimal-number",
  "decimal-with-code",
] as const;
export const MoneyFormat = z.enum(MONEY_FORMATS);
export type MoneyFormat = z.infer<typeof MoneyFormat>;

export const CONFLICT_STRATEGIES = [
  "a-wins",
  "b-wins",
  "latest-change",
  "prefer-non-empty",
  "manual-review",
  "expression",
] as const;
export const ConflictStrategy = z.enum(CONFLICT_STRATEGIES);
export type ConflictStrategy = z.infer<typeof ConflictStrategy>;

export const MATCH_NORMALIZATIONS = ["exact", "case-insensitive", "digits-only"] as const;
export const MatchNormalization = z.enum(MATCH_NORMALIZATIONS);
export type MatchNormalization = z.infer<typeof MatchNormalization>;

const Expression = z.string().min(1).max(MAPPING_LIMITS.maxExpressionChars);
const VariableName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "an input name is a JSONata-safe identifier")
  .max(100);

const node = <K extends string, D extends z.ZodRawShape>(kind: K, data: D) =>
  z.object({
    id: Id,
    type: z.literal(kind),
    position: Position,
    data: z.object({ label: Label, ...data }),
  });

export const SideNode = node("side", {
  side: SideName,
  system: Id,
  entity: Id,
  fields: z.array(SideField).max(MAPPING_LIMITS.maxFieldsPerSide),
});
export const EnumMapNode = node("enumMap", {
  entries: z
    .array(z.object({ from: Scalar, to: Scalar, reverse: z.boolean().default(true) }))
    .max(MAPPING_LIMITS.maxTableEntries),
  unmapped: UnmappedValue.default({ action: "skip" }),
});
export const LookupNode = node("lookup", {
  entries: z
    .array(z.object({ from: Scalar, to: Scalar, reverse: z.boolean().default(true) }))
    .max(MAPPING_LIMITS.maxTableEntries),
  unmapped: UnmappedValue.default({ action: "skip" }),
});
export const DateFormatNode = node("dateFormat", { from: DatePattern, to: DatePattern });
export const MoneyNode = node("money", {
  from: MoneyFormat,
  to: MoneyFormat,
  currency: z.string().regex(/^[A-Z]{3}$/, "expected an ISO 4217 currency code such as USD"),
  decimals: z
    .number()
    .int()
    .min(0)
    .max(6)
    .optional()
    .describe("Overrides the currency's minor-unit digits"),
});
export const ConcatNode = node("concat", { inputs: Arity, separator: text });
export const SplitNode = node("split", { parts: Arity, separator: text.min(1) });
export const ConstantNode = node("constant", { value: Scalar });
export const DefaultNode = node("default", { value: Scalar });
export const CoalesceNode = node("coalesce", { inputs: Arity });
export const ConditionNode = node("condition", { predicate: Predicate });
export const FilterNode = node("filter", { predicate: Predicate });
export const ExpressionNode = node("expression", {
  expression: Expression,
  inputs: z.array(VariableName).min(1).max(MAPPING_LIMITS.maxArity),
});
export const ConflictRuleNode = node("conflictRule", {
  strategy: ConflictStrategy,
  expression: Expression.optional(),
});
export const MatchKeyNode = node("matchKey", {
  normalize: MatchNormalization.default("exact"),
  priority: z.number().int().min(0).max(100).default(0),
});

export const MappingNode = z.discriminatedUnion("type", [
  SideNode,
  EnumMapNode,
  LookupNode,
  DateFormatNode,
  MoneyNode,
  ConcatNode,
  SplitNode,
  ConstantNode,
  DefaultNode,
  CoalesceNode,
  ConditionNode,
  FilterNode,
  ExpressionNode,
  ConflictRuleNode,
  MatchKeyNode,
]);
export type MappingNode = z.infer<typeof MappingNode>;
export type NodeKind = MappingNode["type"];
export type NodeOfKind<K extends NodeKind> = Extract<MappingNode, { type: K }>;
export const NODE_KINDS = MappingNode.options.map(
  (option) => option.shape.type.value,
) as readonly NodeKind[];

export const MappingEdge = z.object({
  id: Id,
  source: Id,
  sourceHandle: Id,
  target: Id,
  targetHandle: Id,
  data: z
    .object({
      label: Label,
      /** On an edge into a side field: this field flows in the drawn direction only. */
      oneWay: z.boolean().default(false),
    })
    .default({ oneWay: false }),
});
export type MappingEdge = z.infer<typeof MappingEdge>;

export const MappingDocument = z.object({
  format: z.literal(MAPPING_FORMAT),
  id: Id.optional(),
  name: text.min(1),
  description: text.optional(),
  settings: z
    .object({
      defaultConflictStrategy: ConflictStrategy.exclude(["expression"]).default("latest-change"),
    })
    .default({ defaultConflictStrategy: "latest-change" }),
  nodes: z.array(MappingNode).max(MAPPING_LIMITS.maxNodes),
  edges: z.array(MappingEdge).max(MAPPING_LIMITS.maxEdges),
});
/** A parsed document, defaults filled in. */
export type MappingDocument = z.infer<typeof MappingDocument>;
/** A document as written by hand or by the editor, defaults optional. */
export type MappingDocumentInput = z.input<typeof MappingDocument>;

/** The JSON Schema of `tandem.mapping/v1`, for editors, other languages and documentation. */
export function mappingDocumentJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(MappingDocument, { io: "input" });
}
