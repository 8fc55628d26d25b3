-- CreateTable
CREATE TABLE "SyncEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workspaceId" TEXT NOT NULL,
    "syncId" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'change',
    "side" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "webhookEventId" TEXT,
    "deliveryId" TEXT,
    "changedAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "notBefore" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "error" TEXT,
    "reviewItemId" TEXT,
    "settledAt" DATETIME,
    CONSTRAINT "SyncEvent_syncId_fkey" FOREIGN KEY ("syncId") REFERENCES "Sync" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReviewItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workspaceId" TEXT NOT NULL,
    "syncId" TEXT NOT NULL,
    "linkId" TEXT,
    "recordRef" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "fingerprint" TEXT NOT NULL,
    "groupKey" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "detail" TEXT NOT NULL,
    "planHash" TEXT NOT NULL,
    "resolution" TEXT,
    "resolvedBy" TEXT,
    "resolvedAt" DATETIME,
    "occurrences" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ReviewItem_syncId_fkey" FOREIGN KEY ("syncId") REFERENCES "Sync" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Connection" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workspaceId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "settings" TEXT NOT NULL,
    "secretsSealed" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Connection_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Connection" ("createdAt", "id", "kind", "name", "secretsSealed", "settings", "workspaceId") SELECT "createdAt", "id", "kind", "name", "secretsSealed", "settings", "workspaceId" FROM "Connection";
DROP TABLE "Connection";
ALTER TABLE "new_Connection" RENAME TO "Connection";
CREATE INDEX "Connection_workspaceId_idx" ON "Connection"("workspaceId");
CREATE TABLE "new_RecordLink" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workspaceId" TEXT NOT NULL,
    "syncId" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "aId" TEXT,
    "bId" TEXT,
    "shadowA" TEXT,
    "shadowB" TEXT,
    "planHash" TEXT,
    "pendingCreate" TEXT,
    "revision" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "RecordLink_syncId_fkey" FOREIGN KEY ("syncId") REFERENCES "Sync" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_RecordLink" ("aId", "bId", "createdAt", "entity", "id", "revision", "syncId", "updatedAt", "workspaceId") SELECT "aId", "bId", "createdAt", "entity", "id", "revision", "syncId", "updatedAt", "workspaceId" FROM "RecordLink";
DROP TABLE "RecordLink";
ALTER TABLE "new_RecordLink" RENAME TO "RecordLink";
CREATE INDEX "RecordLink_workspaceId_idx" ON "RecordLink"("workspaceId");
CREATE UNIQUE INDEX "RecordLink_syncId_entity_aId_key" ON "RecordLink"("syncId", "entity", "aId");
CREATE UNIQUE INDEX "RecordLink_syncId_entity_bId_key" ON "RecordLink"("syncId", "entity", "bId");
CREATE TABLE "new_AuditEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workspaceId" TEXT NOT NULL,
    "syncId" TEXT NOT NULL,
    "linkId" TEXT,
    "recordRef" TEXT,
    "direction" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "field" TEXT,
    "before" TEXT,
    "after" TEXT,
    "rule" TEXT,
    "planVersion" TEXT NOT NULL,
    "deliveryId" TEXT,
    "workflowId" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "stepId" TEXT,
    "reviewItemId" TEXT,
    "actor" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AuditEntry_syncId_fkey" FOREIGN KEY ("syncId") REFERENCES "Sync" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AuditEntry_linkId_fkey" FOREIGN KEY ("linkId") REFERENCES "RecordLink" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_AuditEntry" ("after", "before", "createdAt", "deliveryId", "direction", "field", "id", "linkId", "outcome", "planVersion", "rule", "runId", "syncId", "workflowId", "workspaceId") SELECT "after", "before", "createdAt", "deliveryId", "direction", "field", "id", "linkId", "outcome", "planVersion", "rule", "runId", "syncId", "workflowId", "workspaceId" FROM "AuditEntry";
DROP TABLE "AuditEntry";
ALTER TABLE "new_AuditEntry" RENAME TO "AuditEntry";
CREATE INDEX "AuditEntry_workspaceId_createdAt_idx" ON "AuditEntry"("workspaceId", "createdAt");
CREATE INDEX "AuditEntry_linkId_createdAt_idx" ON "AuditEntry"("linkId", "createdAt");
CREATE INDEX "AuditEntry_syncId_createdAt_idx" ON "AuditEntry"("syncId", "createdAt");
CREATE INDEX "AuditEntry_stepId_idx" ON "AuditEntry"("stepId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "SyncEvent_syncId_status_notBefore_idx" ON "SyncEvent"("syncId", "status", "notBefore");

-- CreateIndex
CREATE INDEX "SyncEvent_webhookEventId_idx" ON "SyncEvent"("webhookEventId");

-- CreateIndex
CREATE INDEX "ReviewItem_workspaceId_status_createdAt_idx" ON "ReviewItem"("workspaceId", "status", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ReviewItem_syncId_fingerprint_key" ON "ReviewItem"("syncId", "fingerprint");

