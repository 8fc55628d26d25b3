export { createDb, databaseProvider, type Db, type DatabaseProvider } from "./client";
export {
  applyMigrations,
  openMigratedDb,
  readMigrations,
  splitStatements,
  type MigrationReport,
} from "./migrate";
export {
  sealSecrets,
  openSecrets,
  parseSecretKey,
  parseSecretKeyring,
  secretKeyId,
  needsResealing,
  bindingOfConnectionRow,
  SealedSecretsError,
  type SecretBinding,
  type SecretKeyring,
  type SecretKeys,
} from "./sealed-secrets";
export { resealConnectionSecrets, type ResealReport } from "./reseal-secrets";
export {
  scopeToWorkspace,
  guardUnscopedQueries,
  WorkspaceScopeError,
  AppendOnlyError,
  type WorkspaceDb,
} from "./workspace-scope";
export {
  advanceInboxStatus,
  pruneInbox,
  INBOX_STATUSES,
  MAX_DERIVED_DELIVERY_COPIES,
  type InboxStatus,
  type IncomingChange,
  type QueueTarget,
} from "./inbox";
export { sqlTransaction, prismaSqlTx, providerOf, valuesList, type SqlTx } from "./direct-sql";
export { updateLinkIfUnchanged, type LinkStepUpdate } from "./record-links";
export { insertAuditRows, type AuditRow } from "./audit-insert";
export {
  sealDelivery,
  openDelivery,
  deliveryHeaders,
  type RawDelivery,
  type DeliveryBinding,
} from "./sealed-deliveries";
export {
  sealAuditValue,
  openAuditValue,
  isSealedAuditValue,
  displayAuditValue,
  MASKED_AUDIT_VALUE,
  type AuditValueBinding,
} from "./sealed-audit";
export {
  createInboxWriter,
  insertInboxRows,
  type InboxEntry,
  type InboxWriter,
  type StoreOutcome,
} from "./inbox-writer";
export {
  ChangeFeedCursorMoved,
  changeFeedCursorsOf,
  readChangeFeedCursor,
  storeChangeFeedBatch,
  type ChangeFeedBatch,
} from "./change-feed-cursors";
export {
  dueSyncEvents,
  nextDueAt,
  findWaitingSyncs,
  SETTLED_SYNC_EVENT_STATUSES,
  type SettledSyncEventStatus,
} from "./sync-queue";
export {
  createConnection,
  openConnection,
  type NewConnection,
  type OpenedConnection,
} from "./connections";
export type { Prisma } from "./generated/sqlite/client";
export type {
  AuditEntry,
  Connection,
  Mapping,
  Membership,
  MappingVersion,
  ReconcileRun,
  RecordLink,
  ReviewItem,
  Session,
  Sync,
  SyncEvent,
  User,
  WebhookEvent,
  Workspace,
} from "./generated/sqlite/client";
