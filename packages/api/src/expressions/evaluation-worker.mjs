// The expression pool's thread entry, loaded by path (resolved at run time as
// `@tandem/api/evaluation-worker.mjs`), never bundled. Plain JavaScript: it registers tsx in this
// thread, which then compiles the TypeScript of the evaluator and @tandem/mapping.
const { register } = await import("tsx/esm/api");
register();
await import("@tandem/api/expression-worker");
