-- AlterTable
ALTER TABLE "Connection" ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- AlterTable
ALTER TABLE "RecordLink" DROP COLUMN "shadow",
ADD COLUMN     "pendingCreate" TEXT,
ADD COLUMN     "planHash" TEXT,
ADD COLUMN     "shadowA" TEXT,
ADD COLUMN     "shadowB" TEXT;

-- AlterTable
ALTER TABLE "AuditEntry" ADD COLUMN     "actor" TEXT,
ADD COLUMN     "recordRef" TEXT,
ADD COLUMN     "reviewItemId" TEXT,
ADD COLUMN     "stepId" TEXT,
ALTER COLUMN "linkId" DROP NOT NULL;

-- CreateTable
CREATE TABLE "SyncEvent" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "syncId" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'change',
    "side" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "webhookEventId" TEXT,
    "deliveryId" TEXT,
    "changedAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "notBefore" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "error" TEXT,
    "reviewItemId" TEXT,
    "settledAt" TIMESTAMP(3),

    CONSTRAINT "SyncEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewItem" (
    "id" TEXT NOT NULL,
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
    "resolvedAt" TIMESTAMP(3),
    "occurrences" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReviewItem_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SyncEvent_syncId_status_notBefore_idx" ON "SyncEvent"("syncId", "status", "notBefore");

-- CreateIndex
CREATE INDEX "SyncEvent_webhookEventId_idx" ON "SyncEvent"("webhookEventId");

-- CreateIndex
CREATE INDEX "ReviewItem_workspaceId_status_createdAt_idx" ON "ReviewItem"("workspaceId", "status", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ReviewItem_syncId_fingerprint_key" ON "ReviewItem"("syncId", "fingerprint");

-- CreateIndex
CREATE INDEX "AuditEntry_syncId_createdAt_idx" ON "AuditEntry"("syncId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditEntry_stepId_idx" ON "AuditEntry"("stepId");

-- AddForeignKey
ALTER TABLE "SyncEvent" ADD CONSTRAINT "SyncEvent_syncId_fkey" FOREIGN KEY ("syncId") REFERENCES "Sync"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewItem" ADD CONSTRAINT "ReviewItem_syncId_fkey" FOREIGN KEY ("syncId") REFERENCES "Sync"("id") ON DELETE CASCADE ON UPDATE CASCADE;

