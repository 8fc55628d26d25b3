import path from "node:path";
import { defineConfig } from "vitest/config";

// Pure editor logic (connection rules, directions, history, layout) runs without a browser;
// the canvas itself is exercised by Playwright in e2e/.
export default defineConfig({
  resolve: { alias: { "~": path.join(import.meta.dirname, "src") } },
  test: { name: "web", include: ["src/**/*.test.ts"], environment: "node" },
});
