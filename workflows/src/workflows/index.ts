export { syncExecutorWorkflow, syncQueueChangedSignal } from "./sync-executor";
export { inboxRelayWorkflow } from "./inbox-relay";
