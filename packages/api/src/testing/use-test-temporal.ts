import type { TestWorkflowEnvironment } from "@temporalio/testing";
import type { WorkflowBundleWithSourceMap } from "@temporalio/worker";
import { afterAll, beforeAll } from "vitest";
import { startTestTemporal } from "./sync-harness";

export interface TestTemporal {
  readonly env: TestWorkflowEnvironment;
  readonly workflowBundle: WorkflowBundleWithSourceMap;
}

/**
 * A Temporal dev server and the bundled workflows for the calling test file: started before
 * its tests, torn down after them (after the file's own `afterAll`s, which close harnesses).
 */
export function useTestTemporal(): TestTemporal {
  let started: TestTemporal | undefined;
  beforeAll(async () => {
    started = await startTestTemporal();
  }, 120_000);
  afterAll(async () => {
    await started?.env.teardown();
  });
  const current = (): TestTemporal => {
    if (!started)
      throw new Error("the test Temporal server has not started (use it in hooks and tests)");
    return started;
  };
  return {
    get env() {
      return current().env;
    },
    get workflowBundle() {
      return current().workflowBundle;
    },
  };
}
