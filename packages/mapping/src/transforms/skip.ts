/**
 * Why a target field was not written. Transforms return it instead of throwing, and it
 * travels up to the evaluation result as data. `opIndex` is set by the evaluator.
 */
export class Skip {
  opIndex = -1;
  constructor(readonly reason: string) {}
}

export function describeValue(value: unknown): string {
  switch (typeof value) {
    case "undefined":
      return "nothing";
    case "string":
      return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
    case "number":
    case "boolean":
    case "bigint":
      return String(value);
    case "object":
      return value === null ? "null" : Array.isArray(value) ? "a list" : "an object";
    default:
      return `a ${typeof value}`;
  }
}
