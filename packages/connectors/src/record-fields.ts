/** The value at a dotted path of a record's fields (`job.title`), or undefined. */
export function fieldAtPath(fields: Record<string, unknown>, path: string): unknown {
  let current: unknown = fields;
  for (const part of path.split(".")) {
    if (typeof current !== "object" || current === null || !Object.hasOwn(current, part))
      return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}
