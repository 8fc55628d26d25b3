import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;

// One run over every package: unit tests next to the code, integration tests against the
// real Temporal dev server and databases the test command starts.
export default defineConfig({
  test: {
    projects: [
      path.join(root, "packages/*"),
      path.join(root, "workflows"),
      path.join(root, "apps/web"),
    ],
  },
});
