import { fileURLToPath } from "node:url";
import {
  bundleWorkflowCode,
  Worker,
  type NativeConnection,
  type WorkflowBundleWithSourceMap,
} from "@temporalio/worker";
import { createSyncActivities, type SyncActivityDeps } from "./activities";
import {
  failureConverterPath,
  tandemWorkerDataConverter,
} from "./data-converter/worker-data-converter";
import { TASK_QUEUE } from "./shared";

export const workflowsPath = fileURLToPath(new URL("./workflows/index.ts", import.meta.url));

/**
 * Bundles the workflow code once; tests and the worker reuse the bundle. The bundle carries the
 * failure converter, so failures raised in workflow code are encoded too.
 */
export function bundleWorkflows(): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({ workflowsPath, failureConverterPath, logger: quietBundlerLogger });
}

const quietBundlerLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (message: string) => console.warn(message),
  error: (message: string) => console.error(message),
};

export interface SyncWorkerOptions extends SyncActivityDeps {
  connection: NativeConnection;
  namespace: string;
  workflowBundle?: WorkflowBundleWithSourceMap;
}

export async function createSyncWorker(options: SyncWorkerOptions): Promise<Worker> {
  const { connection, namespace, workflowBundle, ...deps } = options;
  return Worker.create({
    connection,
    namespace,
    taskQueue: deps.taskQueue ?? TASK_QUEUE,
    ...(workflowBundle ? { workflowBundle } : { workflowsPath }),
    activities: createSyncActivities(deps),
    dataConverter: tandemWorkerDataConverter(deps.secretKey),
  });
}
