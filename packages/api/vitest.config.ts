import { defineConfig } from "vitest/config";

// The ingress tests run a real Temporal server and a worker: give them room to start.
export default defineConfig({
  test: { testTimeout: 60_000, hookTimeout: 120_000 },
});
