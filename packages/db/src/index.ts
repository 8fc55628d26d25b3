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
  type WorkspaceDb,
} from "./workspace-scope";
export {
  storeIncomingChange,
  MAX_DERIVED_DELIVERY_COPIES,
  markSignalled,
  markProcessed,
  findUnsignalledChanges,
  type IncomingChange,
  type StoredChange,
} from "./inbox";
export {
  createConnection,
  openConnection,
  type NewConnection,
  type OpenedConnection,
} from "./connections";
export type {
  AuditEntry,
  Connection,
  Mapping,
  MappingVersion,
  RecordLink,
  Sync,
  WebhookEvent,
  Workspace,
} from "./generated/sqlite/client";
