import type { EvaluationStep } from "./evaluation-step";
import type { SkippedField } from "./evaluator";
import { operationKernel, type UnaryKernel } from "./operation-kernels";
import type { PathReader, PathWriter } from "./record-paths";
import type { TargetPlan } from "./sync-plan";
import { Skip } from "./transforms/skip";

/** Receives a target the generated code did not write: a skip (tagged) or an absent value. */
export type SkipSink = (
  index: number,
  value: unknown,
  output: Record<string, unknown>,
  skipped: SkippedField[],
) => void;

/**
 * Writes every target field of one record into `output` (a fresh record when null) and returns
 * it. Nested targets are written through `writers` (by target index).
 */
export type FieldWriter = (
  record: unknown,
  skip: SkipSink,
  skipped: SkippedField[],
  output: Record<string, unknown> | null,
  writers: readonly PathWriter[],
) => Record<string, unknown>;

const EMPTY_RECORD: Readonly<Record<string, unknown>> = Object.freeze(
  Object.create(null) as Record<string, unknown>,
);

/** A key read with a constant-key property load: not dotted, and not shadowed by Object.prototype. */
const isPlainKey = (key: string) => !key.includes(".") && !(key in Object.prototype);

/**
 * The evaluation loop unrolled into generated code, one line per target field, so that every
 * property load and store has a constant key and every call site sees one function. Values
 * are computed first, then written: as one object literal when all were written to a fresh
 * record, else store by store with the skips reported in plan order. Closures
 * shared between fields made those sites megamorphic, the evaluator's largest cost in CPU
 * profiles of bench/mapping.ts. Two shapes are inlined: a plain read (a rename) and a read
 * through one unary transform (enum map, date, money, …); other programs call their step.
 * Keys are embedded with JSON.stringify only, so no field name can inject code; nested targets
 * are written through the caller's path writers. Returns null where code generation is
 * unavailable (a strict Content-Security-Policy) or a target path holds `__proto__`; the caller
 * falls back to running the steps one by one then.
 */
export function generatedFieldWriter(
  targets: readonly TargetPlan[],
  steps: readonly EvaluationStep[],
  readerOf: (field: string) => PathReader,
): FieldWriter | null {
  if (targets.some((target) => target.field.split(".").includes("__proto__"))) return null;
  const nested = (field: string) => field.includes(".");
  const kernels: (UnaryKernel | undefined)[] = [];
  const readers: (PathReader | undefined)[] = [];
  const prologue: string[] = [];
  /** Per target: the expression computing its value, and the index of the operation that may skip. */
  const computed = targets.map((target, index): { value: string; skipAt: number } => {
    const [read, transform, ...rest] = target.operations;
    if (read?.op !== "read" || rest.length > 0) return { value: `s[${index}](record)`, skipAt: -1 };
    let source = `r[${JSON.stringify(read.field)}]`;
    if (!isPlainKey(read.field)) {
      readers[index] = readerOf(read.field);
      prologue.push(`const read${index} = rd[${index}];`);
      source = `read${index}(record)`;
    }
    if (!transform) return { value: source, skipAt: -1 };
    const kernel = operationKernel(transform);
    if (kernel.kind !== "unary") return { value: `s[${index}](record)`, skipAt: -1 };
    kernels[index] = kernel.run;
    prologue.push(`const run${index} = k[${index}];`);
    return { value: `run${index}(${source})`, skipAt: 1 };
  });
  const written = (index: number) => `v${index} !== undefined && !(v${index} instanceof Skip)`;
  const body = [
    ...computed.map(({ value }, index) => `const v${index} = ${value};`),
    // The usual case, every field written to a fresh record: one object literal, allocated at
    // its final size, where growing it store by store reallocated its property storage.
    targets.some((target) => nested(target.field))
      ? ""
      : `if (o === null && ${targets.map((_, index) => written(index)).join(" && ") || "true"}) return {${targets
          .map((target, index) => `${JSON.stringify(target.field)}: v${index}`)
          .join(", ")}};`,
    "if (o === null) o = {};",
    ...targets.map((target, index) => {
      const { skipAt } = computed[index] ?? { skipAt: -1 };
      const tag =
        skipAt < 0
          ? ""
          : `if (v${index} instanceof Skip && v${index}.opIndex < 0) v${index}.opIndex = ${skipAt}; `;
      const store = nested(target.field)
        ? `w[${index}](o, v${index});`
        : `o[${JSON.stringify(target.field)}] = v${index};`;
      return `if (${written(index)}) ${store} else { ${tag}skip(${index}, v${index}, o, skipped); }`;
    }),
    "return o;",
  ];
  try {
    // Generated from field names escaped by JSON.stringify only; see the comment above.
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    const make = new Function(
      "s",
      "k",
      "rd",
      "Skip",
      "EMPTY",
      `${prologue.join("\n")}
return function writeFields(record, skip, skipped, o, w) {
const r = typeof record === "object" && record !== null ? record : EMPTY;
${body.join("\n")}
};`,
    ) as (
      steps: readonly EvaluationStep[],
      kernels: readonly (UnaryKernel | undefined)[],
      readers: readonly (PathReader | undefined)[],
      skipClass: typeof Skip,
      empty: typeof EMPTY_RECORD,
    ) => FieldWriter;
    return make(steps, kernels, readers, Skip, EMPTY_RECORD);
  } catch {
    return null;
  }
}
