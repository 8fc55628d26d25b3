-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_AuditEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workspaceId" TEXT NOT NULL,
    "syncId" TEXT NOT NULL,
    "linkId" TEXT,
    "recordRef" TEXT,
    "aId" TEXT,
    "bId" TEXT,
    "connectionId" TEXT,
    "direction" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "field" TEXT,
    "before" TEXT,
    "after" TEXT,
    "rule" TEXT,
    "planVersion" TEXT NOT NULL,
    "deliveryId" TEXT,
    "webhookEventId" TEXT,
    "workflowId" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "stepId" TEXT,
    "reviewItemId" TEXT,
    "actor" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_AuditEntry" ("actor", "after", "before", "createdAt", "deliveryId", "direction", "field", "id", "linkId", "outcome", "planVersion", "recordRef", "reviewItemId", "rule", "runId", "stepId", "syncId", "workflowId", "workspaceId") SELECT "actor", "after", "before", "createdAt", "deliveryId", "direction", "field", "id", "linkId", "outcome", "planVersion", "recordRef", "reviewItemId", "rule", "runId", "stepId", "syncId", "workflowId", "workspaceId" FROM "AuditEntry";
DROP TABLE "AuditEntry";
ALTER TABLE "new_AuditEntry" RENAME TO "AuditEntry";
CREATE INDEX "AuditEntry_workspaceId_createdAt_idx" ON "AuditEntry"("workspaceId", "createdAt");
CREATE INDEX "AuditEntry_workspaceId_linkId_createdAt_idx" ON "AuditEntry"("workspaceId", "linkId", "createdAt");
CREATE INDEX "AuditEntry_workspaceId_syncId_createdAt_idx" ON "AuditEntry"("workspaceId", "syncId", "createdAt");
CREATE INDEX "AuditEntry_stepId_idx" ON "AuditEntry"("stepId");
CREATE INDEX "AuditEntry_reviewItemId_idx" ON "AuditEntry"("reviewItemId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;


-- Append-only audit: the database refuses to change or remove a row, whatever the client.
CREATE TRIGGER "AuditEntry_no_update" BEFORE UPDATE ON "AuditEntry" BEGIN SELECT RAISE(ABORT, 'AuditEntry is append-only: UPDATE is refused'); END;
CREATE TRIGGER "AuditEntry_no_delete" BEFORE DELETE ON "AuditEntry" BEGIN SELECT RAISE(ABORT, 'AuditEntry is append-only: DELETE is refused'); END;
