export * from "./shared";
export * from "./backfill-shapes";
export * from "./reconcile-shapes";
export { createSyncActivities, type SyncActivityDeps, type SyncActivities } from "./activities";
export { createSyncWorker, bundleWorkflows, workflowsPath, type SyncWorkerOptions } from "./worker";
export { startInboxRelay } from "./relay";
export {
  createExecutorNudger,
  signalSyncExecutor,
  temporalNudger,
  type ExecutorNudger,
} from "./dispatch";
export {
  tandemClientDataConverter,
  decodeHistoryPayloads,
  codecKeyringOf,
  EncryptionCodec,
  ENCRYPTED_ENCODING,
} from "./data-converter";
export { tandemWorkerDataConverter } from "./data-converter/worker-data-converter";
export { followAllSyncSchedules } from "./reconcile-schedules";
