// The expression pool's thread entry. Plain JavaScript with bare package specifiers only, so it
// runs wherever it sits: next to its sources (tsx, Vitest) or copied into the web app's build
// output (`new URL(..., import.meta.url)` makes it an asset there); both resolve the packages
// through the repository's node_modules. tsx compiles the TypeScript sources in this thread.
const { register } = await import("tsx/esm/api");
register();
await import("@tandem/api/expression-worker");
