-- AlterTable
ALTER TABLE "Sync" ADD COLUMN     "reconcileIntervalMinutes" INTEGER,
ADD COLUMN     "reconcilePaused" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "ReconcileRun" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "syncId" TEXT NOT NULL,
    "workflowId" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'running',
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "sinceA" TIMESTAMP(3),
    "sinceB" TIMESTAMP(3),
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
    "cursorA" TIMESTAMP(3),
    "cursorB" TIMESTAMP(3),
    "enqueued" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ReconcileRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ReconcileRun_workspaceId_syncId_startedAt_idx" ON "ReconcileRun"("workspaceId", "syncId", "startedAt");

