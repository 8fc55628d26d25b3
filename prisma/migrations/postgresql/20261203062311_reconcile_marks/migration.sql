-- CreateTable
CREATE TABLE "ReconcileMark" (
    "workspaceId" TEXT NOT NULL,
    "syncId" TEXT NOT NULL,
    "side" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "fieldsHash" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReconcileMark_pkey" PRIMARY KEY ("syncId","side","externalId")
);

-- CreateIndex
CREATE INDEX "ReconcileMark_workspaceId_idx" ON "ReconcileMark"("workspaceId");

