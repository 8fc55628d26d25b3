-- CreateTable
CREATE TABLE "ReconcileMark" (
    "workspaceId" TEXT NOT NULL,
    "syncId" TEXT NOT NULL,
    "side" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "fieldsHash" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("syncId", "side", "externalId")
);

-- CreateIndex
CREATE INDEX "ReconcileMark_workspaceId_idx" ON "ReconcileMark"("workspaceId");

