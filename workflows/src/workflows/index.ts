export { syncExecutorWorkflow, syncQueueChangedSignal } from "./sync-executor";
export { inboxRelayWorkflow } from "./inbox-relay";
export { backfillWorkflow, backfillProgressQuery } from "./backfill";
export { changeFeedWorkflow } from "./change-feed";
export { reconcileWorkflow } from "./reconcile";
