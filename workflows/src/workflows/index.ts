export { recordSyncWorkflow, recordChangeSignal } from "./record-sync";
