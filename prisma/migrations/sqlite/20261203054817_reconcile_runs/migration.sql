-- CreateTable
CREATE TABLE "ReconcileRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workspaceId" TEXT NOT NULL,
    "syncId" TEXT NOT NULL,
    "workflowId" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'running',
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    "sinceA" DATETIME,
    "sinceB" DATETIME,
    "modeA" TEXT,
    "modeB" TEXT,
    "listedA" INTEGER NOT NULL DEFAULT 0,
    "listedB" INTEGER NOT NULL DEFAULT 0,
    "driftedA" INTEGER NOT NULL DEFAULT 0,
    "driftedB" INTEGER NOT NULL DEFAULT 0,
    "errorA" TEXT,
    "errorB" TEXT,
    "attemptsA" INTEGER NOT NULL DEFAULT 0,
    "attemptsB" INTEGER NOT NULL DEFAULT 0,
    "cursorA" DATETIME,
    "cursorB" DATETIME,
    "enqueued" INTEGER NOT NULL DEFAULT 0
);

-- AlterTable (ADD COLUMN, not a table rebuild: dropping "Sync" would cascade onto its rows)
ALTER TABLE "Sync" ADD COLUMN "reconcileIntervalMinutes" INTEGER;
ALTER TABLE "Sync" ADD COLUMN "reconcilePaused" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE INDEX "ReconcileRun_workspaceId_syncId_startedAt_idx" ON "ReconcileRun"("workspaceId", "syncId", "startedAt");

