export * from "./shared";
export { createSyncActivities, type SyncActivityDeps } from "./activities/sync-activities";
export { createSyncWorker, bundleWorkflows, workflowsPath, type SyncWorkerOptions } from "./worker";
export { relayUnsignalledChanges } from "./relay";
export { dispatchStoredChange, routeRecordChange, signalRecordChange } from "./client";
