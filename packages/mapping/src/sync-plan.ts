import type { FieldType } from "@tandem/hr-model";
import type { Diagnostic } from "./diagnostic";
import type {
  ConflictStrategy,
  MatchNormalization,
  MoneyFormat,
  Predicate,
  Scalar,
  SideName,
  UnmappedValue,
} from "./document-schema";

export const SYNC_PLAN_FORMAT = "tandem.syncplan/v1";

/**
 * One step of a target field's program. Programs are postfix: each operation takes its inputs
 * from the values the previous operations produced, so `[read x, read y, concat 2]` joins x and y.
 * `node` is the graph node the operation came from, for highlighting and audit.
 */
export type Operation =
  | { op: "read"; node: string; field: string }
  | { op: "constant"; node: string; value: Scalar }
  | { op: "map"; node: string; entries: [Scalar, Scalar][]; unmapped: UnmappedValue }
  | { op: "dateFormat"; node: string; from: string; to: string }
  | {
      op: "money";
      node: string;
      from: MoneyFormat;
      to: MoneyFormat;
      currency: string;
      decimals: number;
    }
  | { op: "concat"; node: string; arity: number; separator: string }
  | { op: "split"; node: string; parts: number; index: number; separator: string }
  | { op: "default"; node: string; value: Scalar }
  | { op: "coalesce"; node: string; arity: number }
  | { op: "condition"; node: string; predicate: Predicate; hasElse: boolean }
  | { op: "expression"; node: string; expression: string; inputs: string[] };

export type OperationName = Operation["op"];

export interface TargetPlan {
  /** The target side's field id (also its dotted path). */
  field: string;
  /** `drawn` by the operator, or `derived` as the inverse of a drawn two-way flow. */
  origin: "drawn" | "derived";
  /** Whether the opposite direction also writes the fields this one reads. */
  mode: "two-way" | "one-way";
  operations: Operation[];
}

/** Records of the source side that fail a filter are not synced in this direction. */
export interface EntityFilter {
  node: string;
  field: string;
  predicate: Predicate;
}

export interface DirectionPlan {
  source: SideName;
  target: SideName;
  filters: EntityFilter[];
  /** Sorted by field id. */
  targets: TargetPlan[];
}

export type Direction = "aToB" | "bToA";

/** How a change made on both sides since the last sync is settled, for one linked pair of fields. */
export interface ConflictPolicy {
  a: string[];
  b: string[];
  strategy: ConflictStrategy;
  expression?: string;
  /** The conflict-rule node, absent when the document's default applies. */
  node?: string;
}

export interface MatchKeyField {
  a: string;
  b: string;
  normalize: MatchNormalization;
  node: string;
}

/** Fields that identify the same record on both sides; all fields of one key must agree. Lower priority is tried first. */
export interface MatchKey {
  priority: number;
  fields: MatchKeyField[];
}

export interface PlanField {
  id: string;
  type: FieldType;
  required: boolean;
  nullable: boolean;
  sensitive: boolean;
  enumValues?: string[];
}

export interface PlanSide {
  system: string;
  entity: string;
  fields: PlanField[];
}

/** The compiled, immutable meaning of a mapping document. `hash` names the version. */
export interface SyncPlan {
  format: typeof SYNC_PLAN_FORMAT;
  hash: string;
  name: string;
  sides: Record<SideName, PlanSide>;
  aToB: DirectionPlan;
  bToA: DirectionPlan;
  conflicts: ConflictPolicy[];
  matchKeys: MatchKey[];
  /** Warnings and notes; a plan is only produced when there are no errors. */
  diagnostics: Diagnostic[];
}

/** The part of a plan its hash covers: everything but the name, the diagnostics and the hash itself. */
export type SyncPlanContent = Omit<SyncPlan, "hash" | "name" | "diagnostics">;
