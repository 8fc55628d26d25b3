export * from "./shared";
export * from "./backfill-shapes";
export { createSyncActivities, type SyncActivityDeps, type SyncActivities } from "./activities";
export { createSyncWorker, bundleWorkflows, workflowsPath, type SyncWorkerOptions } from "./worker";
export { startInboxRelay } from "./relay";
export {
  createExecutorNudger,
  signalSyncExecutor,
  temporalNudger,
  type ExecutorNudger,
} from "./dispatch";
