export * from "./canonical-json";
export { compileDocument, compileMapping, type CompileResult } from "./compile-mapping";
export {
  summarizeConflictRules,
  type ConflictRuleSummary,
  type ConflictSummary,
  type ConflictSummaryOptions,
} from "./conflict-summary";
export { planContentHash } from "./content-hash";
export { pathReader, pathWriter, copyingPathWriter, type PathReader, type PathWriter } from "./record-paths";
export * from "./diagnostic";
export * from "./document-schema";
export { createAsyncEvaluator, evaluateAsync, type AsyncRecordEvaluator } from "./evaluate-async";
export {
  ASYNC_ONLY_REASON,
  cachedReaders,
  createEvaluator,
  evaluate,
  fieldOutcomes,
  type EvaluationOptions,
  type EvaluationResult,
  type FieldOutcome,
  type RecordEvaluator,
  type SkippedField,
} from "./evaluator";
export {
  EXPRESSION_LIMITS,
  FORBIDDEN_EXPRESSION_FUNCTIONS,
  checkExpression,
  compileSandboxedExpression,
  type ExpressionCheck,
  type SandboxedExpression,
} from "./expression-sandbox";
export { invertNode, type NodeInverse } from "./invert-node";
export { matchKeyValues, normalizeMatchValue } from "./match-key-values";
export {
  acceptsManyEdges,
  isOptionalInput,
  nodeHandles,
  takesSideFieldsOnly,
  type NodeHandles,
} from "./node-handles";
export { parseMappingDocument, type ParseDocumentResult } from "./parse-document";
export {
  roundTrip,
  type RoundTripExample,
  type RoundTripFieldReport,
  type RoundTripReport,
} from "./round-trip";
export {
  generateSampleRecords,
  projectRecord,
  type SampleField,
  type SampleRecord,
} from "./sample-records";
export { sha256Hex } from "./sha256";
export { sideFieldsFromModel, sideRecordSchema } from "./side-schema";
export * from "./sync-plan";
export * from "./templates";
export {
  commonKind,
  fieldKind,
  kindsCompatible,
  moneyFormatKind,
  scalarKind,
  type ValueKind,
} from "./value-kind";
export {
  diffMappingDocuments,
  isEmptyDiff,
  summarizeDiff,
  type DiffField,
  type DiffFlow,
  type DiffRuleChange,
  type DiffTransformChange,
  type MappingDiff,
  type VersionSummary,
} from "./version-diff";
